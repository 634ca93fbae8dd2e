import ArcaTestSupport
import Foundation
import Identity
@testable import Queues
import ServiceCalls
import Testing

/// Messages through the queue service on a manual clock: delays, visibility, receipt handles,
/// FIFO order and groups, deduplication, dead-letter moves, retention, purge, long polling, and
/// what is stored.
@Suite struct QueueMessagesTests {
    let harness = QueueTestHarness()
    var clock: ManualClock { harness.clock }
    let root = KMSTestHarness.context()

    func url(_ name: String) -> String { "http://localhost:4566/111122223333/\(name)" }

    func queue(_ name: String, _ attributes: [String: String] = [:]) async throws -> QueueService {
        let sqs = try await harness.service()
        _ = try await sqs.createQueue(named: name, attributes: attributes, tags: [:], context: root)
        return sqs
    }

    @discardableResult
    func send(_ sqs: QueueService, _ name: String, _ body: String, group: String? = nil, deduplication: String? = nil,
              delay: Int? = nil) async throws -> SendReceipt {
        try await sqs.send(url: url(name), [MessageToSend(content: MessageContent(body: body), delaySeconds: delay,
                                                          groupID: group, deduplicationID: deduplication)],
                           batch: false, context: root)[0].get()
    }

    func receive(_ sqs: QueueService, _ name: String, max: Int = 10, visibility: Int? = nil,
                 attributes: [String] = []) async throws -> [Message] {
        try await sqs.receive(url: url(name), ReceiveOptions(maxNumberOfMessages: max, visibilityTimeout: visibility,
                                                             systemAttributeNames: attributes), context: root)
    }

    func counts(_ sqs: QueueService, _ name: String) async throws -> [String] {
        let attributes = try await sqs.attributes(url: url(name), names: ["All"], context: root)
        return ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"]
            .map { attributes[$0]! }
    }

    @Test func aReceivedMessageIsInvisibleForItsTimeoutThenReturnsWithANewHandle() async throws {
        let sqs = try await queue("orders", ["VisibilityTimeout": "30"])
        let sent = try await send(sqs, "orders", "hello")
        #expect(sent.bodyMD5 == "5d41402abc4b2a76b9719d911017c592")
        let first = try await receive(sqs, "orders", attributes: ["All"])
        #expect(first.map(\.body) == ["hello"] && first[0].messageId == sent.messageID)
        #expect(first[0].attributes?["ApproximateReceiveCount"] == "1")
        #expect(first[0].attributes?["SenderId"] == "111122223333")
        #expect(try await counts(sqs, "orders") == ["0", "1", "0"])
        clock.advance(by: 29)
        #expect(try await receive(sqs, "orders").isEmpty)
        clock.advance(by: 1)
        let second = try await receive(sqs, "orders", attributes: ["ApproximateReceiveCount"])
        #expect(second.map(\.body) == ["hello"] && second[0].attributes == ["ApproximateReceiveCount": "2"])
        #expect(second[0].receiptHandle != first[0].receiptHandle)
        // The older handle no longer deletes the message on a standard queue, and says nothing.
        let queue = try sqs.messageQueue(url: url("orders"), for: "sqs:DeleteMessage", context: root)
        try await sqs.deleteMessage(in: queue, receiptHandle: first[0].receiptHandle!)
        #expect(try await counts(sqs, "orders") == ["0", "1", "0"])
        try await sqs.deleteMessage(in: queue, receiptHandle: second[0].receiptHandle!)
        #expect(try await counts(sqs, "orders") == ["0", "0", "0"])
    }

    @Test func shortPollingAStandardQueueAtItsInFlightLimitAnswersOverLimit() async throws {
        let sqs = try await harness.service(inFlightLimit: 2)
        for name in ["limited", "limited.fifo"] {
            let fifo = name.hasSuffix(".fifo")
            _ = try await sqs.createQueue(named: name, attributes: fifo ? ["FifoQueue": "true", "ContentBasedDeduplication": "true"] : [:],
                                          tags: [:], context: root)
            for body in ["1", "2", "3"] { try await send(sqs, name, body, group: fifo ? "g\(body)" : nil) }
        }
        #expect(try await receive(sqs, "limited").count == 2)
        await #expect(throws: SQSError.tooManyInFlight) { try await receive(sqs, "limited") }
        // A FIFO queue at its limit answers no messages and no error.
        #expect(try await receive(sqs, "limited.fifo").count == 2)
        #expect(try await receive(sqs, "limited.fifo").isEmpty)
        // "If you use long polling, Amazon SQS returns no error messages": nothing, at the end of the wait.
        let queue = try sqs.messageQueue(url: url("limited"), for: "sqs:DeleteMessage", context: root)
        let poll = Task { try await sqs.receive(url: url("limited"), ReceiveOptions(waitTimeSeconds: 1), context: root) }
        while sqs.arrivals.waitingCount == 0 { await Task.yield() }
        clock.advance(by: 2)
        sqs.arrivals.announce(queueID: queue.id)
        #expect(try await poll.value.isEmpty)
        // Visible again, the messages are no longer in flight; a deleted one makes room.
        clock.advance(by: 30)
        let again = try await receive(sqs, "limited")
        #expect(again.count == 2)
        try await sqs.deleteMessage(in: queue, receiptHandle: again[0].receiptHandle!)
        #expect(try await receive(sqs, "limited").count == 1)
    }

    @Test func delaysComeFromTheMessageOrTheQueue() async throws {
        let sqs = try await queue("delayed", ["DelaySeconds": "10"])
        try await send(sqs, "delayed", "queue-delay")
        try await send(sqs, "delayed", "own-delay", delay: 0)
        #expect(try await counts(sqs, "delayed") == ["1", "0", "1"])
        #expect(try await receive(sqs, "delayed", visibility: 0).map(\.body) == ["own-delay"])
        clock.advance(by: 10)
        #expect(Set(try await receive(sqs, "delayed").compactMap(\.body)) == ["queue-delay", "own-delay"])
        await #expect(throws: SQSError.invalidParameterValue("901", parameter: "DelaySeconds", reason: "DelaySeconds must be >= 0 and <= 900.")) {
            try await send(sqs, "delayed", "x", delay: 901)
        }
    }

    @Test func visibilityChangesHoldTheTwelveHourLimitAndZeroReleasesAtOnce() async throws {
        let sqs = try await queue("work")
        try await send(sqs, "work", "job")
        let handle = try #require(try await receive(sqs, "work").first?.receiptHandle)
        let queue = try sqs.messageQueue(url: url("work"), for: "sqs:ChangeMessageVisibility", context: root)
        try await sqs.changeVisibility(in: queue, receiptHandle: handle, timeout: 0)
        let again = try #require(try await receive(sqs, "work", visibility: 100).first?.receiptHandle)
        clock.advance(by: 3_600)
        await #expect(throws: SQSError.invalidParameterValue("40000", parameter: "VisibilityTimeout",
                                                             reason: "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]")) {
            try await sqs.changeVisibility(in: queue, receiptHandle: again, timeout: 40_000)
        }
        try await sqs.changeVisibility(in: queue, receiptHandle: again, timeout: 39_600)
        // A handle of an earlier receive is no longer this message's.
        await #expect(throws: SQSError.self) { try await sqs.changeVisibility(in: queue, receiptHandle: handle, timeout: 5) }
        await #expect(throws: SQSError(.receiptHandleIsInvalid, "The input receipt handle \"garbage\" is not a valid receipt handle.")) {
            try await sqs.changeVisibility(in: queue, receiptHandle: "garbage", timeout: 5)
        }
    }

    @Test func aFIFOQueueDeliversEachGroupInOrderAndHoldsAGroupWhileItsHeadIsInFlight() async throws {
        let sqs = try await queue("jobs.fifo", ["FifoQueue": "true"])
        for (body, group) in [("a1", "a"), ("b1", "b"), ("a2", "a"), ("a3", "a")] {
            try await send(sqs, "jobs.fifo", body, group: group, deduplication: body)
        }
        let first = try await receive(sqs, "jobs.fifo", max: 1)
        #expect(first.map(\.body) == ["a1"])
        // Group a is held while a1 is in flight; b goes on.
        #expect(try await receive(sqs, "jobs.fifo").map(\.body) == ["b1"])
        #expect(try await receive(sqs, "jobs.fifo").isEmpty)
        let queue = try sqs.messageQueue(url: url("jobs.fifo"), for: "sqs:DeleteMessage", context: root)
        try await sqs.deleteMessage(in: queue, receiptHandle: first[0].receiptHandle!)
        let rest = try await receive(sqs, "jobs.fifo", attributes: ["All"])
        #expect(rest.map(\.body) == ["a2", "a3"])
        #expect(rest.map { $0.attributes?["MessageGroupId"] } == ["a", "a"])
        let numbers = rest.compactMap { $0.attributes?["SequenceNumber"] }
        #expect(numbers.count == 2 && numbers.allSatisfy { $0.count == 20 } && numbers[0] < numbers[1])
        // A FIFO handle whose timeout has ended is expired (recorded from AWS).
        clock.advance(by: 31)
        let handle = rest[0].receiptHandle!
        await #expect(throws: SQSError.invalidParameterValue(handle, parameter: "ReceiptHandle", reason: "The receipt handle has expired.")) {
            try await sqs.deleteMessage(in: queue, receiptHandle: handle)
        }
    }

    @Test func aRetriedFIFOReceiveWithTheSameAttemptIDAnswersTheSameMessages() async throws {
        let sqs = try await queue("attempts.fifo", ["FifoQueue": "true"])
        for body in ["m1", "m2"] { try await send(sqs, "attempts.fifo", body, group: "g", deduplication: body) }
        func receive(_ attempt: String) async throws -> [Message] {
            try await sqs.receive(url: url("attempts.fifo"), ReceiveOptions(maxNumberOfMessages: 1, receiveRequestAttemptID: attempt),
                                  context: root)
        }
        let first = try await receive("attempt-1")
        #expect(first.map(\.body) == ["m1"])
        // The retry answers the same message under the same handle; another attempt finds the group held.
        #expect(try await receive("attempt-1") == first)
        #expect(try await receive("attempt-2").isEmpty)
        // The attempt outlives a restart: a new service over the same stores answers it too.
        let restarted = try await harness.service()
        #expect(try await restarted.receive(url: url("attempts.fifo"), ReceiveOptions(maxNumberOfMessages: 1,
                                                                                      receiveRequestAttemptID: "attempt-1"),
                                            context: root) == first)
        // Once the message is no longer in flight under that handle, the attempt is a new receive.
        let queue = try sqs.messageQueue(url: url("attempts.fifo"), for: "sqs:DeleteMessage", context: root)
        try await sqs.deleteMessage(in: queue, receiptHandle: first[0].receiptHandle!)
        #expect(try await receive("attempt-1").map(\.body) == ["m2"])
        await #expect(throws: SQSError.self) { try await receive("not allowed") }
    }

    @Test func aDuplicateWithinFiveMinutesIsAcceptedButNotDelivered() async throws {
        let sqs = try await queue("dedup.fifo", ["FifoQueue": "true", "ContentBasedDeduplication": "true"])
        let first = try await send(sqs, "dedup.fifo", "same", group: "g")
        let duplicate = try await send(sqs, "dedup.fifo", "same", group: "g")
        #expect(duplicate.messageID == first.messageID && duplicate.sequenceNumber == first.sequenceNumber)
        // An explicit id deduplicates across groups within the queue scope.
        try await send(sqs, "dedup.fifo", "other", group: "h", deduplication: "id-1")
        try await send(sqs, "dedup.fifo", "other again", group: "k", deduplication: "id-1")
        #expect(try await counts(sqs, "dedup.fifo") == ["2", "0", "0"])
        clock.advance(by: 300)
        try await send(sqs, "dedup.fifo", "same", group: "g")
        #expect(try await counts(sqs, "dedup.fifo") == ["3", "0", "0"])
    }

    @Test func fifoRulesAnswerWithAWSErrors() async throws {
        let sqs = try await queue("rules.fifo", ["FifoQueue": "true"])
        await #expect(throws: SQSError.missingParameter("MessageGroupId")) { try await send(sqs, "rules.fifo", "x") }
        await #expect(throws: QueueService.deduplicationRequired) { try await send(sqs, "rules.fifo", "x", group: "g") }
        await #expect(throws: SQSError.invalidParameterValue("2", parameter: "DelaySeconds",
                                                             reason: "The request include parameter that is not valid for this queue type.")) {
            try await send(sqs, "rules.fifo", "x", group: "g", deduplication: "d", delay: 2)
        }
        try await send(sqs, "rules.fifo", "x", group: "g", deduplication: "d", delay: 0)
        // A batch without a group id fails whole (recorded from AWS).
        await #expect(throws: SQSError(.invalidParameterValue, "The request must contain the parameter MessageGroupId.")) {
            try await sqs.send(url: url("rules.fifo"), [MessageToSend(content: MessageContent(body: "y"), deduplicationID: "e")],
                               batch: true, context: root)
        }
    }

    @Test func aMessageReceivedTooOftenMovesToTheDeadLetterQueueKeepingItsHistory() async throws {
        let sqs = try await queue("dead")
        let target = "arn:aws:sqs:us-east-1:111122223333:dead"
        _ = try await sqs.createQueue(named: "source", attributes: [
            "VisibilityTimeout": "5", "RedrivePolicy": #"{"deadLetterTargetArn":"\#(target)","maxReceiveCount":"2"}"#,
        ], tags: [:], context: root)
        let sent = try await send(sqs, "source", "poison")
        for _ in 0..<2 {
            #expect(try await receive(sqs, "source").count == 1)
            clock.advance(by: 5)
        }
        #expect(try await receive(sqs, "source").isEmpty)
        let moved = try await receive(sqs, "dead", attributes: ["All"])
        #expect(moved.map(\.messageId) == [sent.messageID] && moved[0].body == "poison")
        #expect(moved[0].attributes?["DeadLetterQueueSourceArn"] == "arn:aws:sqs:us-east-1:111122223333:source")
        #expect(moved[0].attributes?["ApproximateReceiveCount"] == "3")
    }

    @Test func retentionEndsAMessageCountedFromItsFirstSend() async throws {
        let sqs = try await queue("short", ["MessageRetentionPeriod": "60"])
        try await send(sqs, "short", "brief")
        clock.advance(by: 59)
        #expect(try await counts(sqs, "short") == ["1", "0", "0"])
        clock.advance(by: 1)
        #expect(try await counts(sqs, "short") == ["0", "0", "0"])
        #expect(try await receive(sqs, "short").isEmpty)
    }

    @Test func housekeepingReclaimsExpiredMessagesAndDeduplicationIDs() async throws {
        let sqs = try await queue("kept")
        _ = try await sqs.createQueue(named: "brief", attributes: ["MessageRetentionPeriod": "60"], tags: [:], context: root)
        _ = try await sqs.createQueue(named: "once.fifo", attributes: ["FifoQueue": "true"], tags: [:], context: root)
        try await send(sqs, "kept", "stays")
        try await send(sqs, "brief", "goes")
        try await send(sqs, "once.fifo", "x", group: "g", deduplication: "d")
        clock.advance(by: 59)
        try await sqs.removeExpired()
        #expect(harness.messages.stored.count == 3 && harness.messages.rememberedDeduplicationIDs == 1)
        clock.advance(by: 1)
        try await sqs.removeExpired()
        let brief = try sqs.messageQueue(url: url("brief"), for: "sqs:ReceiveMessage", context: root).id
        #expect(harness.messages.stored.count == 2 && !harness.messages.stored.contains { $0.queueID == brief })
        clock.advance(by: 240)
        try await sqs.removeExpired()
        #expect(harness.messages.rememberedDeduplicationIDs == 0 && harness.messages.stored.count == 2)
    }

    @Test func purgeDeletesWhatWasSentBeforeItOnceAMinute() async throws {
        let sqs = try await queue("purged")
        try await send(sqs, "purged", "old")
        try await sqs.purge(url: url("purged"), context: root)
        #expect(try await counts(sqs, "purged") == ["0", "0", "0"])
        clock.advance(by: 59)
        await #expect(throws: SQSError(.purgeQueueInProgress, "Only one PurgeQueue operation on purged is allowed every 60 seconds.")) {
            try await sqs.purge(url: url("purged"), context: root)
        }
        clock.advance(by: 1)
        try await send(sqs, "purged", "new")
        clock.advance(by: 1)
        try await sqs.purge(url: url("purged"), context: root)
        #expect(try await counts(sqs, "purged") == ["0", "0", "0"])
    }

    @Test func aLongPollAnswersAsSoonAsAMessageArrives() async throws {
        let sqs = try await queue("waiting")
        let poll = Task { try await sqs.receive(url: url("waiting"), ReceiveOptions(waitTimeSeconds: 20), context: root) }
        while sqs.arrivals.waitingCount == 0 { await Task.yield() }
        // The send wakes the poll at once, well before its one-second slice would end.
        let sent = ContinuousClock.now
        try await send(sqs, "waiting", "wake")
        #expect(try await poll.value.map(\.body) == ["wake"])
        #expect(ContinuousClock.now - sent < .milliseconds(900))
    }

    @Test func closingArrivalsEndsLongPollsEmpty() async throws {
        let sqs = try await queue("closing")
        let poll = Task { try await sqs.receive(url: url("closing"), ReceiveOptions(waitTimeSeconds: 20), context: root) }
        while sqs.arrivals.waitingCount == 0 { await Task.yield() }
        sqs.arrivals.close()
        #expect(try await poll.value.isEmpty)
    }

    @Test func bodiesAndAttributesAreStoredSealedUnlessEncryptionIsOff() async throws {
        let sqs = try await queue("sealed")
        _ = try await sqs.createQueue(named: "clear", attributes: ["SqsManagedSseEnabled": "false"], tags: [:], context: root)
        let attributes = ["secret": MessageAttributeValue(stringValue: "attribute-value-42", dataType: "String")]
        for name in ["sealed", "clear"] {
            _ = try await sqs.send(url: url(name), [MessageToSend(content: MessageContent(body: "body-text-42", attributes: attributes))],
                                   batch: false, context: root)[0].get()
        }
        let stored = harness.messages.stored
        func contains(_ payload: [UInt8], _ text: String) -> Bool {
            let needle = Array(text.utf8)
            return payload.indices.contains { payload[$0...].starts(with: needle) }
        }
        #expect(stored.count == 2)
        #expect(!contains(stored[0].payload, "body-text-42") && !contains(stored[0].payload, "attribute-value-42"))
        #expect(contains(stored[1].payload, "body-text-42") && contains(stored[1].payload, "attribute-value-42"))
        let received = try await sqs.receive(url: url("sealed"), ReceiveOptions(messageAttributeNames: ["All"]), context: root)
        #expect(received.first?.body == "body-text-42" && received.first?.messageAttributes == attributes)
    }

    @Test func messagesSurviveARestartAndAreNotReceivedTwiceWithinTheirTimeout() async throws {
        let sqs = try await queue("durable")
        try await send(sqs, "durable", "kept")
        #expect(try await receive(sqs, "durable").count == 1)
        let restarted = try await harness.service()
        #expect(try await receive(restarted, "durable").isEmpty)
        clock.advance(by: 30)
        #expect(try await receive(restarted, "durable").map(\.body) == ["kept"])
    }

    @Test func receiveParametersAreCheckedWithAWSMessages() async throws {
        let sqs = try await queue("checked")
        await #expect(throws: SQSError.invalidParameterValue("11", parameter: "MaxNumberOfMessages", reason: "Must be between 1 and 10, if provided.")) {
            try await receive(sqs, "checked", max: 11)
        }
        await #expect(throws: SQSError.invalidParameterValue("21", parameter: "WaitTimeSeconds", reason: "Must be >= 0 and <= 20, if provided.")) {
            try await sqs.receive(url: url("checked"), ReceiveOptions(waitTimeSeconds: 21), context: root)
        }
    }
}
