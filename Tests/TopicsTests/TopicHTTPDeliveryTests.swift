import ArcaTestSupport
import Foundation
import ServiceCalls
import Synchronization
import Testing
@testable import Topics

/// HTTP/S subscriptions: the signed confirmation request, notifications through the durable
/// outbox with SNS's headers, retries by the delivery policy on the manual clock, 4xx answers not
/// retried, the dead-letter queue when retries are spent, and sealed payloads of encrypted topics.
@Suite struct TopicHTTPDeliveryTests {
    let harness = TopicTestHarness()
    let root = KMSTestHarness.context()
    let endpoint = "http://127.0.0.1:8080/hook"

    func confirmedSubscription(_ sns: TopicService, endpoints: RecordingNotificationEndpoints, topicAttributes: [String: String] = [:],
                               attributes: [String: String] = [:]) async throws -> (topic: String, subscription: String) {
        let topic = try await sns.createTopic(named: "hooks", attributes: topicAttributes, tags: [:], dataProtectionPolicy: nil,
                                              context: root).arn
        #expect(try await sns.subscribe(topicARN: topic, protocol: "http", endpoint: endpoint, attributes: attributes, returnARN: false,
                                        context: root) == "pending confirmation")
        try await sns.deliverDue()
        let request = try #require(endpoints.posts.last)
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: String])
        let subscription = try await sns.confirmSubscription(topicARN: topic, token: try #require(fields["Token"]), context: root)
        return (topic, subscription)
    }

    @Test func theEndpointIsAskedToConfirmThenGetsNotificationsWithSNSsHeaders() async throws {
        let endpoints = RecordingNotificationEndpoints()
        let sns = try await harness.service(endpoints: endpoints)
        let (topic, subscription) = try await confirmedSubscription(sns, endpoints: endpoints)
        let confirmation = endpoints.posts[0]
        #expect(confirmation.url == endpoint && confirmation.headers["x-amz-sns-message-type"] == "SubscriptionConfirmation")
        #expect(confirmation.headers["x-amz-sns-topic-arn"] == topic && confirmation.headers["x-amz-sns-subscription-arn"] == nil)
        #expect(confirmation.body.contains(#""SubscribeURL":"http://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn="#))
        #expect(try sns.subscriptionAttributes(arn: subscription, context: root)["PendingConfirmation"] == "false")
        let receipt = try await sns.publish(topicARN: topic, PublishedMessage(message: "hello", subject: "hi"), context: root)
        // Durable before the answer, delivered by the outbox.
        #expect(harness.outbox.waiting.count == 1 && endpoints.posts.count == 1)
        try await sns.deliverDue()
        let notification = try #require(endpoints.posts.last)
        #expect(notification.headers == [
            "Content-Type": "text/plain; charset=UTF-8", "x-amz-sns-message-type": "Notification", "x-amz-sns-message-id": receipt.messageID,
            "x-amz-sns-topic-arn": topic, "x-amz-sns-subscription-arn": subscription, "User-Agent": "Amazon Simple Notification Service Agent",
        ])
        let body = try #require(try JSONSerialization.jsonObject(with: Data(notification.body.utf8)) as? [String: String])
        #expect(body["Message"] == "hello" && body["Subject"] == "hi" && body["Signature"] != nil)
        #expect(harness.outbox.waiting.isEmpty)
    }

    @Test func failuresAreRetriedByTheDeliveryPolicyThenDeadLettered() async throws {
        let endpoints = RecordingNotificationEndpoints(answers: [200, 500])
        let queues = RecordingNotificationQueues()
        let sns = try await harness.service(queues: queues, endpoints: endpoints)
        let deadLetters = "arn:aws:sqs:us-east-1:111122223333:dead-letters"
        let (topic, _) = try await confirmedSubscription(sns, endpoints: endpoints, attributes: [
            "RedrivePolicy": #"{"deadLetterTargetArn": "\#(deadLetters)"}"#])
        _ = try await sns.publish(topicARN: topic, PublishedMessage(message: "retried"), context: root)
        try await sns.deliverDue()
        #expect(endpoints.posts.count == 2 && harness.outbox.waiting.first?.attempts == 1)
        // "attempts up to three retries with a delay between failed attempts set at 20 seconds".
        harness.clock.advance(by: 19)
        try await sns.deliverDue()
        #expect(endpoints.posts.count == 2)
        for retry in 1...3 {
            harness.clock.advance(by: retry == 1 ? 1 : 20)
            try await sns.deliverDue()
            #expect(endpoints.posts.count == 2 + retry)
        }
        #expect(harness.outbox.waiting.isEmpty)
        #expect(queues.sent.map(\.queueARN) == [deadLetters] && queues.outcomes.last == .deadLettered(code: "HTTP500"))
        #expect(try JSONSerialization.jsonObject(with: Data(queues.sent[0].message.body.utf8)) as? [String: String] != nil)
    }

    @Test func aClientErrorIsNotRetriedAndAnUnreachableEndpointIs() async throws {
        let endpoints = RecordingNotificationEndpoints(answers: [200, 404, nil, 200])
        let queues = RecordingNotificationQueues()
        let sns = try await harness.service(queues: queues, endpoints: endpoints)
        let (topic, _) = try await confirmedSubscription(sns, endpoints: endpoints, topicAttributes: [
            "DeliveryPolicy": #"{"http":{"defaultHealthyRetryPolicy":{"numRetries":2,"minDelayTarget":5,"maxDelayTarget":5}}}"#])
        _ = try await sns.publish(topicARN: topic, PublishedMessage(message: "refused"), context: root)
        try await sns.deliverDue()
        #expect(harness.outbox.waiting.isEmpty && queues.outcomes.last == .delivered)
        _ = try await sns.publish(topicARN: topic, PublishedMessage(message: "later"), context: root)
        try await sns.deliverDue()
        #expect(harness.outbox.waiting.map(\.dueAt) == [harness.clock.now.addingTimeInterval(5)])
        harness.clock.advance(by: 5)
        try await sns.deliverDue()
        #expect(harness.outbox.waiting.isEmpty && endpoints.posts.last?.body.contains("later") == true)
    }

    @Test func rawDeliveryAndTheDeliveryPolicysContentType() async throws {
        let endpoints = RecordingNotificationEndpoints()
        let sns = try await harness.service(endpoints: endpoints)
        let (topic, _) = try await confirmedSubscription(sns, endpoints: endpoints, attributes: [
            "RawMessageDelivery": "true", "DeliveryPolicy": #"{"requestPolicy":{"headerContentType":"application/json"}}"#])
        _ = try await sns.publish(topicARN: topic, PublishedMessage(message: #"{"id":1}"#), context: root)
        try await sns.deliverDue()
        let post = try #require(endpoints.posts.last)
        #expect(post.body == #"{"id":1}"# && post.headers["x-amz-sns-rawdelivery"] == "true")
        #expect(post.headers["Content-Type"] == "application/json")
    }

    @Test func anEncryptedTopicsMessagesWaitSealedAndNothingGoesToAGoneSubscription() async throws {
        let endpoints = RecordingNotificationEndpoints()
        let sns = try await harness.service(kms: TopicKeyringTests.CountingKMS(), endpoints: endpoints)
        let (topic, subscription) = try await confirmedSubscription(sns, endpoints: endpoints,
                                                                    topicAttributes: ["KmsMasterKeyId": "alias/orders"])
        _ = try await sns.publish(topicARN: topic, PublishedMessage(message: "secret-body-42"), context: root)
        let waiting = try #require(harness.outbox.waiting.first)
        #expect(waiting.payload.first == 1)
        #expect(!waiting.payload.indices.contains { waiting.payload[$0...].starts(with: Array("secret-body-42".utf8)) })
        // A restart opens it without the KMS: the data key is wrapped under SNS's own key.
        let kms = TopicKeyringTests.CountingKMS()
        let restarted = try await harness.service(kms: kms, endpoints: endpoints)
        try await restarted.deliverDue()
        #expect(endpoints.posts.last?.body.contains("secret-body-42") == true && kms.calls.withLock { $0.isEmpty })
        _ = try await restarted.publish(topicARN: topic, PublishedMessage(message: "x"), context: root).messageID
        try await restarted.unsubscribe(arn: subscription, context: root)
        let posted = endpoints.posts.count
        try await restarted.deliverDue()
        // The endpoint is told it was unsubscribed, and gets nothing else.
        #expect(endpoints.posts.dropFirst(posted).map { $0.headers["x-amz-sns-message-type"] } == ["UnsubscribeConfirmation"])
        #expect(harness.outbox.waiting.isEmpty)
    }

    @Test func endpointsMustMatchTheirProtocol() async throws {
        let sns = try await harness.service(endpoints: RecordingNotificationEndpoints())
        let topic = try await sns.createTopic(named: "hooks", attributes: [:], tags: [:], dataProtectionPolicy: nil, context: root).arn
        for (deliveryProtocol, url) in [("http", "https://example.com/hook"), ("https", "http://example.com/hook"), ("http", "not a url")] {
            await #expect(throws: SNSError.self) {
                try await sns.subscribe(topicARN: topic, protocol: deliveryProtocol, endpoint: url, attributes: [:], returnARN: false,
                                        context: root)
            }
        }
    }

    @Test func retryPoliciesFollowTheirPhases() {
        #expect((1...4).map { DeliveryRetryPolicy().delay(beforeRetry: $0) } == [20, 20, 20, nil])
        let policy = DeliveryRetryPolicy(topicPolicy: """
            {"http":{"defaultHealthyRetryPolicy":{"numRetries":8,"numNoDelayRetries":1,"numMinDelayRetries":1,"numMaxDelayRetries":1,
            "minDelayTarget":2,"maxDelayTarget":32,"backoffFunction":"exponential"}}}
            """, subscriptionPolicy: nil)
        let delays = (1...9).map { policy.delay(beforeRetry: $0) }
        #expect(delays[0] == 0 && delays[1] == 2 && delays[2] == 2 && delays[6] == 32 && delays[7] == 32 && delays[8] == nil)
        #expect(delays[2...6].map { $0! } == delays[2...6].map { $0! }.sorted())
        // A subscription's own policy wins unless the topic disables overrides.
        let own = #"{"healthyRetryPolicy":{"numRetries":1,"minDelayTarget":7,"maxDelayTarget":7}}"#
        #expect(DeliveryRetryPolicy(topicPolicy: nil, subscriptionPolicy: own).delay(beforeRetry: 1) == 7)
        #expect(DeliveryRetryPolicy(topicPolicy: #"{"http":{"disableSubscriptionOverrides":true}}"#, subscriptionPolicy: own)
            .delay(beforeRetry: 1) == 20)
    }
}

/// Endpoints of which one does not answer until it is let go: whether one stalled endpoint holds
/// up the others.
final class StalledEndpoints: NotificationEndpoints {
    let posted = Mutex<[String]>([])
    let gate = Mutex<CheckedContinuation<Void, Never>?>(nil)
    /// The endpoint whose notifications wait for ``release()``.
    let stalled = Mutex<String?>(nil)

    func post(_ body: [UInt8], headers: [(String, String)], to url: String) async throws -> Int {
        if url == stalled.withLock({ $0 }), headers.contains(where: { $0 == ("x-amz-sns-message-type", "Notification") }) {
            await withCheckedContinuation { continuation in gate.withLock { $0 = continuation } }
        }
        posted.withLock { $0.append(url) }
        return 200
    }

    func release() {
        gate.withLock { $0?.resume(); $0 = nil }
    }
}

extension TopicHTTPDeliveryTests {
    @Test func aStalledEndpointHoldsUpNoOther() async throws {
        let endpoints = StalledEndpoints()
        let sns = try await harness.service(endpoints: endpoints)
        let topic = try await sns.createTopic(named: "fanout", attributes: [:], tags: [:], dataProtectionPolicy: nil, context: root).arn
        for url in ["http://one.example/hook", "http://two.example/hook"] {
            _ = try await sns.subscribe(topicARN: topic, protocol: "http", endpoint: url, attributes: [:], returnARN: false, context: root)
        }
        // The two confirmation requests go out.
        try await sns.deliverDue()
        #expect(endpoints.posted.withLock { $0.count } == 2)
        for subscription in try sns.listSubscriptions(topicARN: topic, nextToken: nil, context: root).0 {
            _ = try await sns.confirmSubscription(topicARN: topic, token: try #require(subscription.confirmationToken), context: root)
        }
        _ = try await sns.publish(topicARN: topic, PublishedMessage(message: "both"), context: root)
        // The delivery the outbox holds first stalls: taken one after the other, the second would wait.
        let first = try #require(harness.outbox.waiting.first?.endpoint)
        endpoints.stalled.withLock { $0 = first }
        let draining = Task { try await sns.deliverDue() }
        var yields = 0
        while endpoints.posted.withLock({ $0.count }) < 3, yields < 100_000 {
            await Task.yield()
            yields += 1
        }
        #expect(endpoints.posted.withLock { $0.count } == 3 && endpoints.posted.withLock { $0.last } != first)
        endpoints.release()
        _ = try await draining.value
        #expect(harness.outbox.waiting.isEmpty)
    }
}
