import ArcaTestSupport
import Foundation
@testable import Queues
import ServiceCalls
import Testing

/// Message move tasks on a manual clock: a dead-letter queue's messages go back to their source
/// queues or to a destination, at the task's rate, and the errors AWS answers (recorded).
@Suite struct MessageMoveTaskTests {
    let harness = QueueTestHarness()
    let root = KMSTestHarness.context()
    static let arn = "arn:aws:sqs:us-east-1:111122223333:"

    func url(_ name: String) -> String { "http://localhost:4566/111122223333/\(name)" }

    /// `source` sends to `dead` after one receive; `count` messages are already in `dead`.
    func deadLetters(_ count: Int) async throws -> QueueService {
        let sqs = try await harness.service()
        _ = try await sqs.createQueue(named: "dead", attributes: [:], tags: [:], context: root)
        _ = try await sqs.createQueue(named: "source", attributes: [
            "VisibilityTimeout": "0", "RedrivePolicy": #"{"deadLetterTargetArn":"\#(Self.arn)dead","maxReceiveCount":"1"}"#,
        ], tags: [:], context: root)
        _ = try await sqs.createQueue(named: "other", attributes: [:], tags: [:], context: root)
        for index in 0..<count {
            _ = try await sqs.send(url: url("source"), [MessageToSend(content: MessageContent(body: "m\(index)"))], batch: false,
                                   context: root)
        }
        // One receive each, then the next receive moves them all.
        _ = try await sqs.receive(url: url("source"), ReceiveOptions(maxNumberOfMessages: 10), context: root)
        #expect(try await sqs.receive(url: url("source"), ReceiveOptions(maxNumberOfMessages: 10), context: root).isEmpty)
        return sqs
    }

    func bodies(_ sqs: QueueService, _ name: String) async throws -> [String] {
        try await sqs.receive(url: url(name), ReceiveOptions(maxNumberOfMessages: 10, visibilityTimeout: 0), context: root)
            .compactMap(\.body).sorted()
    }

    @Test func aTaskMovesAtItsRateAndCanBeCancelled() async throws {
        let sqs = try await deadLetters(3)
        let task = try await sqs.startMoveTask(sourceARN: Self.arn + "dead", destinationARN: nil, maxPerSecond: 1, context: root)
        try await sqs.runDueMoves()
        #expect(try sqs.moveTasks(sourceARN: Self.arn + "dead", maxResults: nil, context: root).first?.moved == 0)
        harness.clock.advance(by: 2)
        try await sqs.runDueMoves()
        let listed = try #require(try sqs.moveTasks(sourceARN: Self.arn + "dead", maxResults: 10, context: root).first)
        #expect(listed.status == .running && listed.moved == 2 && listed.toMove == 3)
        #expect(try await bodies(sqs, "source").count == 2)
        let cancelled = try await sqs.cancelMoveTask(handle: task.handle, context: root)
        #expect(cancelled.status == .cancelled && cancelled.moved == 2)
        harness.clock.advance(by: 5)
        try await sqs.runDueMoves()
        #expect(try await bodies(sqs, "dead").count == 1)
        await #expect(throws: SQSError.self) { try await sqs.cancelMoveTask(handle: task.handle, context: root) }
    }

    @Test func aTaskWithoutARateMovesEverythingToItsDestinationAndCompletes() async throws {
        let sqs = try await deadLetters(4)
        _ = try await sqs.startMoveTask(sourceARN: Self.arn + "dead", destinationARN: Self.arn + "other", maxPerSecond: nil, context: root)
        try await sqs.runDueMoves()
        let task = try #require(try sqs.moveTasks(sourceARN: Self.arn + "dead", maxResults: nil, context: root).first)
        #expect(task.status == .completed && task.moved == 4 && task.toMove == 4)
        let moved = try await sqs.receive(url: url("other"), ReceiveOptions(maxNumberOfMessages: 10, systemAttributeNames: ["All"]),
                                          context: root)
        #expect(moved.compactMap(\.body).sorted() == ["m0", "m1", "m2", "m3"])
        // Moved as if newly sent: received once here, no dead-letter source.
        #expect(moved.allSatisfy { $0.attributes?["ApproximateReceiveCount"] == "1" && $0.attributes?["DeadLetterQueueSourceArn"] == nil })
    }

    @Test func aDeletedDestinationFailsTheTask() async throws {
        let sqs = try await deadLetters(2)
        _ = try await sqs.startMoveTask(sourceARN: Self.arn + "dead", destinationARN: nil, maxPerSecond: 1, context: root)
        try await sqs.deleteQueue(url: url("source"), context: root)
        harness.clock.advance(by: 1)
        try await sqs.runDueMoves()
        let task = try #require(try sqs.moveTasks(sourceARN: Self.arn + "dead", maxResults: nil, context: root).first)
        #expect(task.status == .failed && task.failureReason == "AWS.SimpleQueueService.NonExistentQueue" && task.moved == 0)
    }

    @Test func startListAndCancelAnswerAWSErrors() async throws {
        let sqs = try await deadLetters(1)
        await #expect(throws: SQSError(.invalidParameterValue, "Source queue must be configured as a Dead Letter Queue.")) {
            try await sqs.startMoveTask(sourceARN: Self.arn + "other", destinationARN: nil, maxPerSecond: nil, context: root)
        }
        await #expect(throws: QueueService.resourceNotFound("SourceArn")) {
            try await sqs.startMoveTask(sourceARN: Self.arn + "missing", destinationARN: nil, maxPerSecond: nil, context: root)
        }
        await #expect(throws: SQSError(.resourceNotFound, "The resource that you specified for the DestinationArn parameter doesn't exist.")) {
            try await sqs.startMoveTask(sourceARN: Self.arn + "dead", destinationARN: Self.arn + "missing", maxPerSecond: nil, context: root)
        }
        _ = try await sqs.startMoveTask(sourceARN: Self.arn + "dead", destinationARN: nil, maxPerSecond: 1, context: root)
        await #expect(throws: SQSError(.invalidParameterValue,
                                       "There is already a task running. Only one active task is allowed for a source queue arn at a given time.")) {
            try await sqs.startMoveTask(sourceARN: Self.arn + "dead", destinationARN: nil, maxPerSecond: 1, context: root)
        }
        await #expect(throws: SQSError(.invalidParameterValue, "Value for parameter TaskHandle is invalid.")) {
            try await sqs.cancelMoveTask(handle: "not a handle", context: root)
        }
        let unknown = MessageMoveTask(id: "nope", sourceARN: Self.arn + "dead", destinationARN: nil, maxPerSecond: nil, toMove: 0,
                                      startedAt: harness.clock.now)
        await #expect(throws: SQSError(.resourceNotFound, "Task does not exist.")) {
            try await sqs.cancelMoveTask(handle: unknown.handle, context: root)
        }
        // The tasks survive a restart.
        let restarted = try await harness.service()
        #expect(try restarted.moveTasks(sourceARN: Self.arn + "dead", maxResults: 10, context: root).map(\.status) == [.running])
    }
}
