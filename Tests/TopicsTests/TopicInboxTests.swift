import ArcaTestSupport
import Foundation
import Testing
@testable import Topics

/// Email, email-json and SMS: Arca sends no mail and no SMS; what SNS would send lands in the
/// local inbox, confirmation requests included.
@Suite struct TopicInboxTests {
    let harness = TopicTestHarness()
    let root = KMSTestHarness.context()

    @Test func emailSubscriptionsConfirmAndReceiveTheirMessages() async throws {
        let sns = try await harness.service()
        let topic = try await sns.createTopic(named: "mail", attributes: [:], tags: [:], dataProtectionPolicy: nil, context: root).arn
        for (deliveryProtocol, address) in [("email", "ops@example.com"), ("email-json", "bot@example.com")] {
            #expect(try await sns.subscribe(topicARN: topic, protocol: deliveryProtocol, endpoint: address, attributes: [:],
                                            returnARN: false, context: root) == "pending confirmation")
            let request = try #require(try await harness.inbox.messages(endpoint: address).first)
            #expect(request.messageType == "SubscriptionConfirmation" && request.subject == "AWS Notification - Subscription Confirmation")
            let token = try #require((try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: String])?["Token"])
            _ = try await sns.confirmSubscription(topicARN: topic, token: token, context: root)
        }
        _ = try await sns.publish(topicARN: topic, PublishedMessage(message: "the report", subject: "Daily"), context: root)
        let email = try #require(try await harness.inbox.messages(endpoint: "ops@example.com").last)
        #expect(email.body == "the report" && email.subject == "Daily" && email.messageType == "Notification")
        let json = try #require(try await harness.inbox.messages(endpoint: "bot@example.com").last)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.body.utf8)) as? [String: String])
        #expect(document["Message"] == "the report" && document["Subject"] == "Daily" && document["Signature"] != nil)
        await #expect(throws: SNSError(.invalidParameter, "Invalid parameter: Email address")) {
            try await sns.subscribe(topicARN: topic, protocol: "email", endpoint: "not-an-address", attributes: [:], returnARN: false,
                                    context: root)
        }
    }

    @Test func smsSubscriptionsAndPhoneNumbers() async throws {
        let sns = try await harness.service()
        let topic = try await sns.createTopic(named: "texts", attributes: [:], tags: [:], dataProtectionPolicy: nil, context: root).arn
        let subscription = try await sns.subscribe(topicARN: topic, protocol: "sms", endpoint: "+15551234567", attributes: [:],
                                                   returnARN: false, context: root)
        #expect(subscription.hasPrefix(topic + ":"))
        _ = try await sns.publish(topicARN: topic, PublishedMessage(message: #"{"default": "long", "sms": "short"}"#, messageStructure: "json"),
                                  context: root)
        _ = try await sns.publish(toPhoneNumber: "+15557654321", PublishedMessage(message: "direct"), context: root)
        #expect(try await harness.inbox.messages(endpoint: "+15551234567").map(\.body) == ["short"])
        #expect(try await harness.inbox.messages(endpoint: "+15557654321").map(\.body) == ["direct"])
        // Recorded from AWS.
        for bad in ["+15--551234567", "+15551234567.", "/+15551234567", "invalid-number"] {
            await #expect(throws: SNSError(.invalidParameter, "Invalid SMS endpoint: \(bad)")) {
                try await sns.subscribe(topicARN: topic, protocol: "sms", endpoint: bad, attributes: [:], returnARN: false, context: root)
            }
        }
        await #expect(throws: SNSError(.invalidParameter, "Invalid parameter: PhoneNumber Reason: +1a234 is not valid to publish to")) {
            try await sns.publish(toPhoneNumber: "+1a234", PublishedMessage(message: "m"), context: root)
        }
    }
}
