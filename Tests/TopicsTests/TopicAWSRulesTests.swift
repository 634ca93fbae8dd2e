import ArcaTestSupport
import Foundation
import Testing
@testable import Topics

/// What AWS records and documents about confirmation, idempotence, retries and FIFO topics, each a
/// case a first version got wrong.
@Suite struct TopicAWSRulesTests {
    let harness = TopicTestHarness()
    let root = KMSTestHarness.context()

    func confirmedHTTP(_ sns: TopicService, endpoints: RecordingNotificationEndpoints, authenticateOnUnsubscribe: Bool,
                       authenticated: Bool) async throws -> (topic: String, subscription: String, token: String) {
        let topic = try await sns.createTopic(named: "hooks", attributes: [:], tags: [:], dataProtectionPolicy: nil, context: root).arn
        _ = try await sns.subscribe(topicARN: topic, protocol: "https", endpoint: "https://user:secret@example.com/hook", attributes: [:],
                                    returnARN: false, context: root)
        try await sns.deliverDue()
        let post = try #require(endpoints.posts.last)
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(post.body.utf8)) as? [String: String])
        let token = try #require(fields["Token"])
        let subscription = try await sns.confirmSubscription(topicARN: topic, token: token, authenticateOnUnsubscribe: authenticateOnUnsubscribe,
                                                             authenticated: authenticated, context: root)
        return (topic, subscription, token)
    }

    @Test func authenticateOnUnsubscribeProtectsFromTheUnsignedLink() async throws {
        let endpoints = RecordingNotificationEndpoints()
        let sns = try await harness.service(endpoints: endpoints)
        let (topic, subscription, token) = try await confirmedHTTP(sns, endpoints: endpoints, authenticateOnUnsubscribe: true,
                                                                   authenticated: true)
        // Confirming again answers the same subscription (recorded from AWS).
        #expect(try await sns.confirmSubscription(topicARN: topic, token: token, context: root) == subscription)
        #expect(try sns.subscriptionAttributes(arn: subscription, context: root)["ConfirmationWasAuthenticated"] == "true")
        await #expect(throws: SNSError.self) { try await sns.unsubscribe(linkTo: subscription) }
        #expect((try? sns.subscriptionAttributes(arn: subscription, context: root)) != nil)
        // The list hides the endpoint's credentials; GetSubscriptionAttributes does not.
        #expect(try sns.listSubscriptions(topicARN: topic, nextToken: nil, context: root).0.map { Subscription($0).endpoint }
            == ["https://example.com/hook"])
        #expect(try sns.subscriptionAttributes(arn: subscription, context: root)["Endpoint"] == "https://user:secret@example.com/hook")
        #expect(try sns.attributes(arn: topic, context: root)["SubscriptionsConfirmed"] == "1")
    }

    @Test func aLinkConfirmedSubscriptionIsUnauthenticatedAndTheLinkUnsubscribes() async throws {
        let endpoints = RecordingNotificationEndpoints()
        let sns = try await harness.service(endpoints: endpoints)
        let (_, subscription, _) = try await confirmedHTTP(sns, endpoints: endpoints, authenticateOnUnsubscribe: true, authenticated: false)
        #expect(try sns.subscriptionAttributes(arn: subscription, context: root)["ConfirmationWasAuthenticated"] == "false")
        try await sns.unsubscribe(linkTo: subscription)
        #expect(throws: SNSError.subscriptionNotFound) { try sns.subscriptionAttributes(arn: subscription, context: root) }
    }

    @Test func anUnsubscribedEndpointIsToldAndMayRestoreItsSubscription() async throws {
        let endpoints = RecordingNotificationEndpoints()
        let sns = try await harness.service(endpoints: endpoints)
        let (topic, subscription, _) = try await confirmedHTTP(sns, endpoints: endpoints, authenticateOnUnsubscribe: false, authenticated: true)
        try await sns.unsubscribe(arn: subscription, context: root)
        #expect(throws: SNSError.subscriptionNotFound) { try sns.subscriptionAttributes(arn: subscription, context: root) }
        try await sns.deliverDue()
        let post = try #require(endpoints.posts.last)
        #expect(post.headers["x-amz-sns-message-type"] == "UnsubscribeConfirmation")
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(post.body.utf8)) as? [String: String])
        #expect(fields["Message"]?.hasPrefix("You have chosen to deactivate subscription \(subscription).") == true && fields["Signature"] != nil)
        let token = try #require(fields["Token"])
        // The link restores the subscription under its ARN, once.
        #expect(try await sns.confirmSubscription(topicARN: topic, token: token, authenticated: false, context: root) == subscription)
        #expect(try sns.subscriptionAttributes(arn: subscription, context: root)["PendingConfirmation"] == "false")
        // A restore link older than three days restores nothing.
        try await sns.unsubscribe(arn: subscription, context: root)
        try await sns.deliverDue()
        let laterPost = try #require(endpoints.posts.last)
        let later = try #require(try JSONSerialization.jsonObject(with: Data(laterPost.body.utf8)) as? [String: String])
        harness.clock.advance(by: 3 * 86_400)
        await #expect(throws: SNSError(.invalidParameter, "Invalid parameter: Token")) {
            try await sns.confirmSubscription(topicARN: topic, token: try #require(later["Token"]), context: root)
        }
    }

    @Test func subscribingAgainAsksAPendingEndpointAgain() async throws {
        let endpoints = RecordingNotificationEndpoints()
        let sns = try await harness.service(endpoints: endpoints)
        let topic = try await sns.createTopic(named: "hooks", attributes: [:], tags: [:], dataProtectionPolicy: nil, context: root).arn
        for _ in 0..<2 {
            _ = try await sns.subscribe(topicARN: topic, protocol: "http", endpoint: "http://example.com/hook", attributes: [:],
                                        returnARN: false, context: root)
        }
        try await sns.deliverDue()
        #expect(endpoints.posts.map { $0.headers["x-amz-sns-message-type"] } == ["SubscriptionConfirmation", "SubscriptionConfirmation"])
    }

    @Test func anotherAccountsSubscriberManagesItsOwnSubscription() async throws {
        let sns = try await harness.service(queues: RecordingNotificationQueues())
        let topic = try await sns.createTopic(named: "shared", attributes: [:], tags: [:], dataProtectionPolicy: nil, context: root).arn
        try await sns.addPermission(arn: topic, label: "subscribers", accounts: ["444455556666"], actions: ["Subscribe"], context: root)
        let other = KMSTestHarness.context(account: "444455556666")
        let subscription = try await sns.subscribe(topicARN: topic, protocol: "sqs", endpoint: "arn:aws:sqs:us-east-1:444455556666:mine",
                                                   attributes: [:], returnARN: false, context: other)
        #expect(try sns.subscriptionAttributes(arn: subscription, context: other)["Owner"] == "444455556666")
        try await sns.setSubscriptionAttribute(arn: subscription, name: "RawMessageDelivery", value: "true", context: other)
        try await sns.unsubscribe(arn: subscription, context: other)
        #expect(throws: SNSError.subscriptionNotFound) { try sns.subscriptionAttributes(arn: subscription, context: root) }
    }

    @Test func tooManyRequestsIsRetried() async throws {
        let endpoints = RecordingNotificationEndpoints(answers: [200, 429, 200])
        let sns = try await harness.service(endpoints: endpoints)
        let (topic, _, _) = try await confirmedHTTP(sns, endpoints: endpoints, authenticateOnUnsubscribe: false, authenticated: true)
        _ = try await sns.publish(topicARN: topic, PublishedMessage(message: "again"), context: root)
        try await sns.deliverDue()
        #expect(harness.outbox.waiting.count == 1)
        harness.clock.advance(by: 20)
        try await sns.deliverDue()
        #expect(harness.outbox.waiting.isEmpty && endpoints.posts.count == 3)
    }

    @Test func deliveryPoliciesAreHeldToAWSsLimits() async throws {
        let sns = try await harness.service()
        let topic = try await sns.createTopic(named: "policies", attributes: [:], tags: [:], dataProtectionPolicy: nil, context: root).arn
        for retry in [#"{"numRetries":101}"#, #"{"minDelayTarget":0}"#, #"{"maxDelayTarget":3601}"#, #"{"backoffFunction":"cubic"}"#,
                      #"{"numRetries":100,"minDelayTarget":100,"maxDelayTarget":100}"#,
                      #"{"numRetries":2,"numNoDelayRetries":2,"numMinDelayRetries":1}"#] {
            await #expect(throws: SNSError.self) {
                try await sns.setAttribute(arn: topic, name: "DeliveryPolicy", value: #"{"http":{"defaultHealthyRetryPolicy":\#(retry)}}"#,
                                           context: root)
            }
        }
        try await sns.setAttribute(arn: topic, name: "DeliveryPolicy",
                                   value: #"{"http":{"defaultHealthyRetryPolicy":{"numRetries":10,"minDelayTarget":1,"maxDelayTarget":60}}}"#,
                                   context: root)
    }

    @Test func createTopicAndSubscribeAreIdempotentAsRecorded() async throws {
        let sns = try await harness.service(queues: RecordingNotificationQueues())
        let topic = try await sns.createTopic(named: "same", attributes: [:], tags: ["a": "1", "b": "2"], dataProtectionPolicy: nil,
                                              context: root)
        #expect(try await sns.createTopic(named: "same", attributes: ["FifoTopic": "false"], tags: ["a": "1"], dataProtectionPolicy: nil,
                                          context: root) == topic)
        let queue = "arn:aws:sqs:us-east-1:111122223333:q"
        let subscription = try await sns.subscribe(topicARN: topic.arn, protocol: "sqs", endpoint: queue,
                                                   attributes: ["RawMessageDelivery": "true"], returnARN: false, context: root)
        #expect(try await sns.subscribe(topicARN: topic.arn, protocol: "sqs", endpoint: queue,
                                        attributes: ["RawMessageDelivery": "true", "FilterPolicyScope": "MessageAttributes"],
                                        returnARN: false, context: root) == subscription)
    }

    @Test func aFIFOTopicDeliversADuplicateNowhere() async throws {
        let queues = RecordingNotificationQueues()
        let sns = try await harness.service(queues: queues)
        let topic = try await sns.createTopic(named: "orders.fifo", attributes: ["FifoTopic": "true"], tags: [:], dataProtectionPolicy: nil,
                                              context: root).arn
        _ = try await sns.subscribe(topicARN: topic, protocol: "sqs", endpoint: "arn:aws:sqs:us-east-1:111122223333:standard",
                                    attributes: ["RedrivePolicy": #"{"deadLetterTargetArn": "arn:aws:sqs:us-east-1:111122223333:dlq"}"#],
                                    returnARN: false, context: root)
        let first = try await sns.publish(topicARN: topic, PublishedMessage(message: "m", groupID: "g", deduplicationID: "d"), context: root)
        let again = try await sns.publish(topicARN: topic, PublishedMessage(message: "m", groupID: "g", deduplicationID: "d"), context: root)
        #expect(again == first && queues.sent.count == 1)
        // The interval outlives a restart: the restarted service answers the first receipt again.
        let restarted = try await harness.service(queues: queues)
        #expect(try await restarted.publish(topicARN: topic, PublishedMessage(message: "m", groupID: "g", deduplicationID: "d"),
                                            context: root) == first)
        #expect(queues.sent.count == 1)
        harness.clock.advance(by: 300)
        _ = try await sns.publish(topicARN: topic, PublishedMessage(message: "m", groupID: "g", deduplicationID: "d"), context: root)
        #expect(queues.sent.count == 2)
        // FIFO topics take queues only.
        await #expect(throws: SNSError.self) {
            try await sns.subscribe(topicARN: topic, protocol: "http", endpoint: "http://example.com", attributes: [:], returnARN: false,
                                    context: root)
        }
    }
}
