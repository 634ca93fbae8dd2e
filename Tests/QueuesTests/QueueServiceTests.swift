import ArcaTestSupport
import Foundation
import Identity
import Queues
import ServiceCalls
import Testing

/// The queue service on a manual clock: creation and its idempotence, the 60-second name rule,
/// listing, redrive targets, tags, restarts, and who may do what.
@Suite struct QueueServiceTests {
    let harness = QueueTestHarness()
    var clock: ManualClock { harness.clock }
    let root = KMSTestHarness.context()

    func service() async throws -> QueueService {
        try await harness.service()
    }

    func url(_ name: String, account: String = "111122223333") -> String {
        "http://localhost:4566/\(account)/\(name)"
    }

    @Test func createIsIdempotentOnlyForTheSameAttributes() async throws {
        let sqs = try await service()
        let first = try await sqs.createQueue(named: "orders", attributes: ["DelaySeconds": "5"], tags: [:], context: root)
        #expect(first.arn == "arn:aws:sqs:us-east-1:111122223333:orders")
        let again = try await sqs.createQueue(named: "orders", attributes: ["DelaySeconds": "5"], tags: [:], context: root)
        #expect(again == first)
        // Attributes left out are not compared.
        #expect(try await sqs.createQueue(named: "orders", attributes: [:], tags: [:], context: root) == first)
        await #expect(throws: SQSError(.queueNameExists, "A queue already exists with the same name and a different value for attribute DelaySeconds")) {
            try await sqs.createQueue(named: "orders", attributes: ["DelaySeconds": "6"], tags: [:], context: root)
        }
        await #expect(throws: SQSError(.queueNameExists, "A queue already exists with the same name and a different value for attribute VisibilityTimeout")) {
            try await sqs.createQueue(named: "orders", attributes: ["DelaySeconds": "5", "VisibilityTimeout": "31"], tags: [:], context: root)
        }
    }

    @Test func aDeletedNameIsReusableAfterSixtySecondsAsAnotherQueue() async throws {
        let sqs = try await service()
        _ = try await sqs.createQueue(named: "orders", attributes: ["DelaySeconds": "5"], tags: [:], context: root)
        try await sqs.deleteQueue(url: url("orders"), context: root)
        await #expect(throws: SQSError.nonExistentQueue) { try await sqs.attributes(url: url("orders"), names: ["All"], context: root) }
        clock.advance(by: 59)
        let recently = SQSError(.queueDeletedRecently,
                                "You must wait 60 seconds after deleting a queue before you can create another with the same name.")
        await #expect(throws: recently) {
            try await sqs.createQueue(named: "orders", attributes: [:], tags: [:], context: root)
        }
        // The rule holds across a restart.
        let restarted = try await service()
        await #expect(throws: recently) {
            try await restarted.createQueue(named: "orders", attributes: [:], tags: [:], context: root)
        }
        clock.advance(by: 1)
        _ = try await restarted.createQueue(named: "orders", attributes: [:], tags: [:], context: root)
        #expect(try await restarted.attributes(url: url("orders"), names: ["DelaySeconds"], context: root) == ["DelaySeconds": "0"])
    }

    @Test func attributesSurviveARestart() async throws {
        let sqs = try await service()
        _ = try await sqs.createQueue(named: "jobs.fifo", attributes: ["FifoQueue": "true", "ContentBasedDeduplication": "true"],
                                      tags: ["team": "a"], context: root)
        clock.advance(by: 10)
        try await sqs.setAttributes(url: url("jobs.fifo"), ["VisibilityTimeout": "90"], context: root)
        let before = try await sqs.attributes(url: url("jobs.fifo"), names: ["All"], context: root)
        #expect(before["LastModifiedTimestamp"] == String(Int64(clock.now.timeIntervalSince1970)))
        #expect(before["CreatedTimestamp"] == String(Int64(clock.now.timeIntervalSince1970) - 10))
        let restarted = try await service()
        #expect(try await restarted.attributes(url: url("jobs.fifo"), names: ["All"], context: root) == before)
        #expect(try restarted.tags(url: url("jobs.fifo"), context: root) == ["team": "a"])
    }

    @Test func getQueueAttributesNamesOnlyKnownAttributes() async throws {
        let sqs = try await service()
        _ = try await sqs.createQueue(named: "orders", attributes: [:], tags: [:], context: root)
        #expect(try await sqs.attributes(url: url("orders"), names: [], context: root) == [:])
        #expect(try await sqs.attributes(url: url("orders"), names: ["QueueArn", "Policy"], context: root)
            == ["QueueArn": "arn:aws:sqs:us-east-1:111122223333:orders"])
        await #expect(throws: SQSError.unknownAttributeForTest("Foo")) {
            try await sqs.attributes(url: url("orders"), names: ["QueueArn", "Foo"], context: root)
        }
    }

    @Test func listingIsByNameWithPrefixAndPages() async throws {
        let sqs = try await service()
        for name in ["b", "a2", "a1", "c"] {
            _ = try await sqs.createQueue(named: name, attributes: [:], tags: [:], context: root)
        }
        // Another account's and another region's queues are not listed.
        _ = try await sqs.createQueue(named: "a0", attributes: [:], tags: [:], context: KMSTestHarness.context(account: "444455556666"))
        _ = try await sqs.createQueue(named: "a0", attributes: [:], tags: [:], context: KMSTestHarness.context(region: "eu-west-1"))
        let all = try sqs.listQueues(prefix: nil, after: nil, limit: 1_000, context: root)
        #expect(all.queues.map(\.name.rawValue) == ["a1", "a2", "b", "c"] && !all.more)
        let prefixed = try sqs.listQueues(prefix: "a", after: nil, limit: 1, context: root)
        #expect(prefixed.queues.map(\.name.rawValue) == ["a1"] && prefixed.more)
        let next = try sqs.listQueues(prefix: "a", after: "a1", limit: 1, context: root)
        #expect(next.queues.map(\.name.rawValue) == ["a2"] && !next.more)
    }

    @Test func redriveTargetsMustExistMatchAndAllow() async throws {
        let sqs = try await service()
        _ = try await sqs.createQueue(named: "dlq", attributes: [:], tags: [:], context: root)
        _ = try await sqs.createQueue(named: "dlq.fifo", attributes: ["FifoQueue": "true"], tags: [:], context: root)
        _ = try await sqs.createQueue(named: "closed", attributes: ["RedriveAllowPolicy": #"{"redrivePermission":"denyAll"}"#],
                                      tags: [:], context: root)
        func redrive(to name: String) -> [String: String] {
            ["RedrivePolicy": #"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:111122223333:\#(name)","maxReceiveCount":3}"#]
        }
        _ = try await sqs.createQueue(named: "orders", attributes: redrive(to: "dlq"), tags: [:], context: root)
        for (target, reason) in [("missing", "Dead letter target does not exist."),
                                 ("dlq.fifo", "Dead-letter target must be of the same type as the source queue."),
                                 ("closed", "Dead-letter target does not allow this queue as a source.")] {
            let policy = RedrivePolicy(deadLetterTargetARN: "arn:aws:sqs:us-east-1:111122223333:\(target)", maxReceiveCount: 3)
            await #expect(throws: SQSError(.invalidParameterValue,
                                           "Value \(policy.json) for parameter RedrivePolicy is invalid. Reason: \(reason)")) {
                try await sqs.setAttributes(url: url("orders"), redrive(to: target), context: root)
            }
        }
    }

    @Test func deadLetterSourcesAreTheQueuesNamingIt() async throws {
        let sqs = try await service()
        _ = try await sqs.createQueue(named: "dlq", attributes: [:], tags: [:], context: root)
        let redrive = ["RedrivePolicy": #"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:111122223333:dlq","maxReceiveCount":3}"#]
        for name in ["c", "a", "b"] {
            _ = try await sqs.createQueue(named: name, attributes: redrive, tags: [:], context: root)
        }
        _ = try await sqs.createQueue(named: "unrelated", attributes: [:], tags: [:], context: root)
        let first = try sqs.deadLetterSources(url: url("dlq"), after: nil, limit: 2, context: root)
        #expect(first.queues.map(\.name.rawValue) == ["a", "b"] && first.more)
        let rest = try sqs.deadLetterSources(url: url("dlq"), after: "b", limit: 2, context: root)
        #expect(rest.queues.map(\.name.rawValue) == ["c"] && !rest.more)
        try await sqs.setAttributes(url: url("b"), ["RedrivePolicy": ""], context: root)
        #expect(try sqs.deadLetterSources(url: url("dlq"), after: nil, limit: 10, context: root).queues.map(\.name.rawValue) == ["a", "c"])
    }

    @Test func tagsMergeAndAreLimitedToFifty() async throws {
        let sqs = try await service()
        _ = try await sqs.createQueue(named: "orders", attributes: [:], tags: ["a": "1"], context: root)
        try await sqs.tagQueue(url: url("orders"), tags: ["a": "2", "b": ""], context: root)
        try await sqs.untagQueue(url: url("orders"), keys: ["b", "missing"], context: root)
        #expect(try sqs.tags(url: url("orders"), context: root) == ["a": "2"])
        let fifty = Dictionary(uniqueKeysWithValues: (1...50).map { ("k\($0)", "v") })
        await #expect(throws: SQSError(.invalidParameterValue, "Too many tags added for queue orders.")) {
            try await sqs.tagQueue(url: url("orders"), tags: fifty, context: root)
        }
    }

    // MARK: Authorization

    static let allowSQS = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:*","Resource":"*"}]}"#

    /// Expects an AccessDenied, whatever its message.
    func expectDenied(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: SQSError.self, sourceLocation: sourceLocation) { try body() }
        #expect(error?.code == .accessDenied, sourceLocation: sourceLocation)
    }

    func expectDenied(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async {
        let error = await #expect(throws: SQSError.self, sourceLocation: sourceLocation) { try await body() }
        #expect(error?.code == .accessDenied, sourceLocation: sourceLocation)
    }

    @Test func anIAMUserNeedsAnIdentityPolicyInItsAccount() async throws {
        let sqs = try await service()
        let nobody = try KMSTestHarness.user("Nobody")
        await #expect(throws: SQSError(.accessDenied, "User: arn:aws:iam::111122223333:user/Nobody is not authorized to perform: "
                                       + "sqs:CreateQueue on resource: arn:aws:sqs:us-east-1:111122223333:orders because no "
                                       + "identity-based policy allows the sqs:CreateQueue action")) {
            try await sqs.createQueue(named: "orders", attributes: [:], tags: [:], context: nobody)
        }
        let admin = try KMSTestHarness.user("Admin", policies: [Self.allowSQS])
        _ = try await sqs.createQueue(named: "orders", attributes: [:], tags: [:], context: admin)
        await expectDenied { try await sqs.attributes(url: url("orders"), names: ["All"], context: nobody) }
        expectDenied { try sqs.listQueues(prefix: nil, after: nil, limit: 10, context: nobody) }
        // Tagging a queue on creation needs sqs:TagQueue too.
        let creator = try KMSTestHarness.user("Creator", policies: [
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:CreateQueue","Resource":"*"}]}"#])
        _ = try await sqs.createQueue(named: "plain", attributes: [:], tags: [:], context: creator)
        await expectDenied {
            try await sqs.createQueue(named: "tagged", attributes: [:], tags: ["k": "v"], context: creator)
        }
    }

    @Test func anotherAccountNeedsTheQueuePolicyAndItsOwnIAMPolicy() async throws {
        let sqs = try await service()
        _ = try await sqs.createQueue(named: "shared", attributes: [:], tags: [:], context: root)
        let zoe = try KMSTestHarness.user("Zoe", account: "444455556666", policies: [Self.allowSQS])
        expectDenied { try sqs.queueAddress(named: "shared", owner: "111122223333", context: zoe) }
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"#
            + #""Action":["sqs:GetQueueUrl","sqs:GetQueueAttributes"],"Resource":"arn:aws:sqs:us-east-1:111122223333:shared"}]}"#
        try await sqs.setAttributes(url: url("shared"), ["Policy": policy], context: root)
        #expect(try sqs.queueAddress(named: "shared", owner: "111122223333", context: zoe).arn
            == "arn:aws:sqs:us-east-1:111122223333:shared")
        #expect(try await sqs.attributes(url: url("shared"), names: ["Policy"], context: zoe) == ["Policy": policy])
        // The policy does not allow changes, and Zoe's account cannot give them.
        await expectDenied {
            try await sqs.setAttributes(url: url("shared"), ["DelaySeconds": "1"], context: zoe)
        }
        // Without its own IAM allow, the other account's user gets nothing from the queue policy.
        let bare = try KMSTestHarness.user("Bare", account: "444455556666")
        expectDenied { try sqs.queueAddress(named: "shared", owner: "111122223333", context: bare) }
        // A policy granting everything still leaves the owner's actions to the owner.
        let everything = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"#
            + #""Action":"sqs:*","Resource":"*"}]}"#
        try await sqs.setAttributes(url: url("shared"), ["Policy": everything], context: root)
        #expect(try await sqs.attributes(url: url("shared"), names: ["QueueArn"], context: zoe).count == 1)
        await expectDenied { try await sqs.deleteQueue(url: url("shared"), context: zoe) }
        await expectDenied { try await sqs.setAttributes(url: url("shared"), ["Policy": ""], context: zoe) }
        await expectDenied { try await sqs.tagQueue(url: url("shared"), tags: ["k": "v"], context: zoe) }
    }
}

extension SQSError {
    static func unknownAttributeForTest(_ name: String) -> SQSError {
        SQSError(.invalidAttributeName, "Unknown Attribute \(name).")
    }
}
