import ArcaTestSupport
import Foundation
import Identity
import ServiceCalls
import Testing
@testable import Topics

/// Subscriptions and Publish through the topic service, with deliveries into queues recorded:
/// idempotent subscriptions, confirmation, the envelope and raw delivery, filter policies, FIFO
/// topics, dead-letter queues, the checks of a message, and deliveries made as `sns.amazonaws.com`.
@Suite struct TopicPublishingTests {
    let harness = TopicTestHarness()
    let root = KMSTestHarness.context()
    let queueARN = "arn:aws:sqs:us-east-1:111122223333:orders"

    func topic(_ sns: TopicService, _ name: String = "orders", attributes: [String: String] = [:]) async throws -> String {
        try await sns.createTopic(named: name, attributes: attributes, tags: [:], dataProtectionPolicy: nil, context: root).arn
    }

    @Test func aSubscriptionToAnOwnQueueIsConfirmedAndIdempotent() async throws {
        let sns = try await harness.service()
        let arn = try await topic(sns)
        let subscription = try await sns.subscribe(topicARN: arn, protocol: "sqs", endpoint: queueARN,
                                                   attributes: ["RawMessageDelivery": "true"], returnARN: false, context: root)
        #expect(subscription.hasPrefix(arn + ":"))
        let attributes = try sns.subscriptionAttributes(arn: subscription, context: root)
        #expect(attributes["PendingConfirmation"] == "false" && attributes["ConfirmationWasAuthenticated"] == "true")
        #expect(attributes["Protocol"] == "sqs" && attributes["Endpoint"] == queueARN && attributes["Owner"] == "111122223333")
        #expect(attributes["SubscriptionPrincipal"] == "arn:aws:iam::111122223333:root" && attributes["RawMessageDelivery"] == "true")
        // The same subscription again, with the same, fewer or no attributes (recorded from AWS).
        for given in [["RawMessageDelivery": "true"], [:]] {
            #expect(try await sns.subscribe(topicARN: arn, protocol: "sqs", endpoint: queueARN, attributes: given, returnARN: false,
                                            context: root) == subscription)
        }
        await #expect(throws: SNSError(.invalidParameter,
                                       "Invalid parameter: Attributes Reason: Subscription already exists with different attributes")) {
            try await sns.subscribe(topicARN: arn, protocol: "sqs", endpoint: queueARN, attributes: ["RawMessageDelivery": "false"],
                                    returnARN: false, context: root)
        }
        let (listed, _) = try sns.listSubscriptions(topicARN: arn, nextToken: nil, context: root)
        #expect(listed.map(\.arn) == [subscription])
        try await sns.unsubscribe(arn: subscription, context: root)
        try await sns.unsubscribe(arn: subscription, context: root)
        #expect(throws: SNSError.subscriptionNotFound) { try sns.subscriptionAttributes(arn: subscription, context: root) }
    }

    @Test func subscribeChecksProtocolsEndpointsAndAttributes() async throws {
        let sns = try await harness.service()
        let arn = try await topic(sns)
        let refused: [(String, String, [String: String], String)] = [
            ("test-protocol", queueARN, [:], "Invalid parameter: Amazon SNS does not support this protocol string: test-protocol"),
            ("sqs", "https://sqs.us-east-1.amazonaws.com/111122223333/orders", [:], "Invalid parameter: SQS endpoint ARN"),
            ("sqs", queueARN + ".fifo", [:],
             "Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics"),
            ("sqs", queueARN, ["RawMessageDelivery": "wrongvalue"],
             "Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [wrongvalue]. Must be true or false."),
            ("sqs", queueARN, ["RedrivePolicy": #"{"deadLetterTargetArn": "not-an-arn"}"#],
             "Invalid parameter: Attributes Reason: RedrivePolicy: deadLetterTargetArn is an invalid arn"),
        ]
        for (deliveryProtocol, endpoint, attributes, message) in refused {
            await #expect(throws: SNSError(.invalidParameter, message)) {
                try await sns.subscribe(topicARN: arn, protocol: deliveryProtocol, endpoint: endpoint, attributes: attributes,
                                        returnARN: false, context: root)
            }
        }
        let subscription = try await sns.subscribe(topicARN: arn, protocol: "sqs", endpoint: queueARN, attributes: [:],
                                                   returnARN: false, context: root)
        let refusedSets: [(String, String, String)] = [
            ("Unknown", "x", "Invalid parameter: AttributeName"),
            ("RawMessageDelivery", "test-ValUe", "Invalid parameter: RawMessageDelivery: Invalid value [test-ValUe]. Must be true or false."),
            ("RawMessageDelivery", "", "Invalid parameter: RawMessageDelivery: Invalid value []. Must be true or false."),
        ]
        for (name, value, message) in refusedSets {
            await #expect(throws: SNSError(.invalidParameter, message)) {
                try await sns.setSubscriptionAttribute(arn: subscription, name: name, value: value, context: root)
            }
        }
        // Subscription ARNs are read as SNS reads them (recorded from AWS).
        #expect(throws: SNSError(.invalidParameter, "Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 1")) {
            try sns.subscriptionAttributes(arn: "nope", context: root)
        }
        #expect(throws: SNSError(.invalidParameter, "Invalid parameter: SubscriptionId")) { try sns.subscriptionAttributes(arn: arn, context: root) }
    }

    @Test func anotherAccountsQueueWaitsForConfirmation() async throws {
        let queues = RecordingNotificationQueues()
        let sns = try await harness.service(queues: queues)
        let arn = try await topic(sns)
        let elsewhere = "arn:aws:sqs:us-east-1:444455556666:theirs"
        #expect(try await sns.subscribe(topicARN: arn, protocol: "sqs", endpoint: elsewhere, attributes: [:], returnARN: false,
                                        context: root) == "pending confirmation")
        let subscription = try #require(try sns.listSubscriptions(topicARN: arn, nextToken: nil, context: root).0.first)
        #expect(TopicService.listedARN(of: subscription) == "PendingConfirmation")
        // The queue is asked to confirm, with the token, signed.
        let asked = try #require(queues.sent.first)
        #expect(queues.sent.count == 1 && asked.queueARN == elsewhere && asked.context.caller.principal.arn == "sns.amazonaws.com")
        let request = try #require(try JSONSerialization.jsonObject(with: Data(asked.message.body.utf8)) as? [String: String])
        #expect(request["Type"] == "SubscriptionConfirmation" && request["Token"] == subscription.confirmationToken)
        #expect(request["TopicArn"] == arn && request["SubscribeURL"]?.contains("Action=ConfirmSubscription") == true)
        #expect(request["Signature"] != nil && request["SignatureVersion"] == "1")
        await #expect(throws: SNSError(.invalidParameter, "Invalid parameter: Token")) {
            try await sns.confirmSubscription(topicARN: arn, token: String(repeating: "0", count: 128), context: root)
        }
        await #expect(throws: SNSError(.invalidParameter, "Invalid token")) {
            try await sns.confirmSubscription(topicARN: arn, token: "short", context: root)
        }
        let confirmed = try await sns.confirmSubscription(topicARN: arn, token: try #require(subscription.confirmationToken), context: root)
        #expect(confirmed == subscription.arn)
        #expect(try sns.subscriptionAttributes(arn: confirmed, context: root)["PendingConfirmation"] == "false")
    }

    @Test func aNotificationIsTheSignedEnvelopeAWSDelivers() async throws {
        let queues = RecordingNotificationQueues()
        let sns = try await harness.service(queues: queues)
        let arn = try await topic(sns)
        let subscription = try await sns.subscribe(topicARN: arn, protocol: "sqs", endpoint: queueARN, attributes: [:], returnARN: false,
                                                   context: root)
        var context = root
        context.host = "127.0.0.1:4566"
        let receipt = try await sns.publish(topicARN: arn, PublishedMessage(
            message: "hello", subject: "greeting", attributes: ["attr1": MessageAttributeValue(dataType: "Number", stringValue: "99.12"),
                                                                "bin": MessageAttributeValue(dataType: "Binary", binaryValue: Data([2, 3, 4]))]),
            context: context)
        #expect(receipt.sequenceNumber == nil)
        let sent = try #require(queues.sent.first)
        #expect(queues.sent.count == 1 && sent.queueARN == queueARN && queues.outcomes == [.delivered])
        // Sent by the service principal for the topic: the confused-deputy keys are the topic's.
        #expect(sent.context.caller.principal.arn == "sns.amazonaws.com")
        #expect(sent.context.sourceResource == SourceResource(arn: arn, account: AccountID("111122223333")!))
        let body = try #require(try JSONSerialization.jsonObject(with: Data(sent.message.body.utf8)) as? [String: Any])
        #expect(body["Type"] as? String == "Notification" && body["MessageId"] as? String == receipt.messageID)
        #expect(body["TopicArn"] as? String == arn && body["Subject"] as? String == "greeting" && body["Message"] as? String == "hello")
        #expect(body["Timestamp"] as? String == NotificationEnvelope.timestamp(harness.clock.now))
        #expect(body["SignatureVersion"] as? String == "1")
        #expect(body["SigningCertURL"] as? String == "http://127.0.0.1:4566" + TopicTestHarness.signer.certificatePath)
        #expect(body["UnsubscribeURL"] as? String == "http://127.0.0.1:4566/?Action=Unsubscribe&SubscriptionArn=\(subscription)")
        let attributes = try #require(body["MessageAttributes"] as? [String: [String: String]])
        #expect(attributes == ["attr1": ["Type": "Number", "Value": "99.12"], "bin": ["Type": "Binary", "Value": "AgME"]])
        // The members in AWS's order.
        let order = ["\"Type\"", "\"MessageId\"", "\"TopicArn\"", "\"Subject\"", "\"Message\"", "\"Timestamp\"", "\"SignatureVersion\"",
                     "\"Signature\"", "\"SigningCertURL\"", "\"UnsubscribeURL\"", "\"MessageAttributes\""]
        let positions = order.map { sent.message.body.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(sent.message.attributes.isEmpty)
    }

    @Test func rawDeliveryPassesTheMessageAndItsAttributes() async throws {
        let queues = RecordingNotificationQueues()
        let sns = try await harness.service(queues: queues)
        let arn = try await topic(sns)
        _ = try await sns.subscribe(topicARN: arn, protocol: "sqs", endpoint: queueARN, attributes: ["RawMessageDelivery": "true"],
                                    returnARN: false, context: root)
        let attributes = ["store": MessageAttributeValue(dataType: "Binary", binaryValue: Data([2, 3, 4]))]
        _ = try await sns.publish(topicARN: arn, PublishedMessage(message: "This is a test message", attributes: attributes), context: root)
        #expect(queues.sent.map(\.message) == [QueueBoundMessage(body: "This is a test message", attributes: attributes)])
    }

    @Test func filterPoliciesChooseWhatIsDelivered() async throws {
        let queues = RecordingNotificationQueues()
        let sns = try await harness.service(queues: queues)
        let arn = try await topic(sns)
        let byAttributes = try await sns.subscribe(
            topicARN: arn, protocol: "sqs", endpoint: queueARN,
            attributes: ["RawMessageDelivery": "true", "FilterPolicy": #"{"attr1": [{"numeric": [">", 0, "<=", 100]}]}"#],
            returnARN: false, context: root)
        _ = try await sns.subscribe(topicARN: arn, protocol: "sqs", endpoint: queueARN + "-bodies",
                                    attributes: ["RawMessageDelivery": "true", "FilterPolicyScope": "MessageBody",
                                                 "FilterPolicy": #"{"order": {"status": [{"prefix": "ship"}]}}"#],
                                    returnARN: false, context: root)
        func publish(_ body: String, _ value: String) async throws {
            _ = try await sns.publish(topicARN: arn, PublishedMessage(message: body, attributes: [
                "attr1": MessageAttributeValue(dataType: "Number", stringValue: value)]), context: root)
        }
        try await publish(#"{"order": {"status": "shipped"}}"#, "99.12")
        try await publish(#"{"order": {"status": "cancelled"}}"#, "100.12")
        #expect(queues.sent.map { "\($0.queueARN.hasSuffix("-bodies") ? "body" : "attributes"): \($0.message.body)" } == [
            #"attributes: {"order": {"status": "shipped"}}"#, #"body: {"order": {"status": "shipped"}}"#])
        #expect(try sns.subscriptionAttributes(arn: byAttributes, context: root)["FilterPolicyScope"] == "MessageAttributes")
        // An empty policy removes the subscription's.
        try await sns.setSubscriptionAttribute(arn: byAttributes, name: "FilterPolicy", value: "", context: root)
        #expect(try sns.subscriptionAttributes(arn: byAttributes, context: root)["FilterPolicy"] == nil)
        // A policy SNS refuses, and a scope change the policy does not fit.
        await #expect(throws: SNSError.self) {
            try await sns.setSubscriptionAttribute(arn: byAttributes, name: "FilterPolicy", value: "{invalid", context: root)
        }
        let nested = try await sns.subscribe(topicARN: arn, protocol: "sqs", endpoint: queueARN + "-nested",
                                             attributes: ["FilterPolicyScope": "MessageBody", "FilterPolicy": #"{"a": {"b": ["c"]}}"#],
                                             returnARN: false, context: root)
        await #expect(throws: SNSError.self) {
            try await sns.setSubscriptionAttribute(arn: nested, name: "FilterPolicyScope", value: "MessageAttributes", context: root)
        }
    }

    @Test func aStructuredMessageDeliversTheQueuesEntryOrTheDefault() async throws {
        let queues = RecordingNotificationQueues()
        let sns = try await harness.service(queues: queues)
        let arn = try await topic(sns)
        _ = try await sns.subscribe(topicARN: arn, protocol: "sqs", endpoint: queueARN, attributes: ["RawMessageDelivery": "true"],
                                    returnARN: false, context: root)
        _ = try await sns.publish(topicARN: arn, PublishedMessage(message: #"{"default": "default field", "sqs": "{\"field\": \"value\"}"}"#,
                                                                  messageStructure: "json"), context: root)
        _ = try await sns.publish(topicARN: arn, PublishedMessage(message: #"{"default": "default field"}"#, messageStructure: "json"),
                                  context: root)
        #expect(queues.sent.map(\.message.body) == [#"{"field": "value"}"#, "default field"])
        // Recorded from AWS.
        for (text, message) in [("not json", "Invalid parameter: Message Structure - JSON message body failed to parse"),
                                (#"{"sqs": "x"}"#, "Invalid parameter: Message Structure - No default entry in JSON message body")] {
            await #expect(throws: SNSError(.invalidParameter, message)) {
                try await sns.publish(topicARN: arn, PublishedMessage(message: text, messageStructure: "json"), context: root)
            }
        }
    }

    @Test func messagesAreCheckedAsSNSChecksThem() async throws {
        let sns = try await harness.service(queues: RecordingNotificationQueues())
        let arn = try await topic(sns)
        let refused: [(PublishedMessage, SNSError)] = [
            (PublishedMessage(message: ""), SNSError(.invalidParameter, "Invalid parameter: Empty message")),
            (PublishedMessage(message: String(repeating: "x", count: 262_145)), SNSError(.invalidParameter, "Invalid parameter: Message too long")),
            (PublishedMessage(message: "m", subject: ""), SNSError(.invalidParameter, "Invalid parameter: Subject")),
            (PublishedMessage(message: "m", deduplicationID: "d"), SNSError(.invalidParameter,
                "Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type")),
            (PublishedMessage(message: "m", attributes: ["a^b": MessageAttributeValue(dataType: "String", stringValue: "v")]),
             SNSError(.parameterValueInvalid, "Invalid non-alphanumeric character '#x5E' was found in the message attribute name. "
                + "Can only include alphanumeric characters, hyphens, underscores, or dots.")),
            (PublishedMessage(message: "m", attributes: [".a": MessageAttributeValue(dataType: "String", stringValue: "v")]),
             SNSError(.parameterValueInvalid, "Invalid message attribute name starting with character '.' was found.")),
            (PublishedMessage(message: "m", attributes: ["a.": MessageAttributeValue(dataType: "String", stringValue: "v")]),
             SNSError(.parameterValueInvalid, "Invalid message attribute name ending with character '.' was found.")),
            (PublishedMessage(message: "m", attributes: ["a..b": MessageAttributeValue(dataType: "String", stringValue: "v")]),
             SNSError(.parameterValueInvalid, "Message attribute name can not have successive '.' character.")),
            (PublishedMessage(message: "m", attributes: [String(repeating: "a", count: 256): MessageAttributeValue(dataType: "String", stringValue: "v")]),
             SNSError(.parameterValueInvalid, "Length of message attribute name must be less than 256 bytes.")),
            (PublishedMessage(message: "m", attributes: ["attr1": MessageAttributeValue(dataType: "Other", stringValue: "v")]),
             SNSError(.parameterValueInvalid, "The message attribute 'attr1' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.")),
            (PublishedMessage(message: "m", attributes: ["attr1": MessageAttributeValue(dataType: "String", stringValue: "")]),
             SNSError(.parameterValueInvalid, "The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'String'.")),
            (PublishedMessage(message: "m", attributes: ["attr1": MessageAttributeValue(dataType: "Binary", stringValue: "v")]),
             SNSError(.parameterValueInvalid, "The message attribute 'attr1' with type 'Binary' must use field 'Binary'.")),
            (PublishedMessage(message: "m", attributes: ["attr1": MessageAttributeValue(dataType: "Number", binaryValue: Data([1]))]),
             SNSError(.parameterValueInvalid, "The message attribute 'attr1' with type 'Number' must use field 'String'.")),
        ]
        for (message, error) in refused {
            await #expect(throws: error) { try await sns.publish(topicARN: arn, message, context: root) }
        }
    }

    @Test func fifoTopicsNeedGroupsPassDeduplicationIdsAndSignNothing() async throws {
        let queues = RecordingNotificationQueues()
        let sns = try await harness.service(queues: queues)
        let arn = try await topic(sns, "orders.fifo", attributes: ["FifoTopic": "true"])
        _ = try await sns.subscribe(topicARN: arn, protocol: "sqs", endpoint: queueARN + ".fifo", attributes: [:], returnARN: false,
                                    context: root)
        await #expect(throws: SNSError(.invalidParameter, "Invalid parameter: The MessageGroupId parameter is required for FIFO topics")) {
            try await sns.publish(topicARN: arn, PublishedMessage(message: "m"), context: root)
        }
        await #expect(throws: SNSError(.invalidParameter,
            "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")) {
            try await sns.publish(topicARN: arn, PublishedMessage(message: "m", groupID: "g"), context: root)
        }
        let first = try await sns.publish(topicARN: arn, PublishedMessage(message: "Test", groupID: "g", deduplicationID: "d1"), context: root)
        let second = try await sns.publish(topicARN: arn, PublishedMessage(message: "Test", groupID: "g", deduplicationID: "d2"), context: root)
        #expect(first.sequenceNumber!.count == 20 && second.sequenceNumber! > first.sequenceNumber!)
        let sent = queues.sent
        #expect(sent.map(\.message.groupID) == ["g", "g"] && sent.map(\.message.deduplicationID) == ["d1", "d2"])
        let body = try #require(try JSONSerialization.jsonObject(with: Data(sent[0].message.body.utf8)) as? [String: Any])
        #expect(body["SequenceNumber"] as? String == first.sequenceNumber && body["Signature"] == nil && body["SignatureVersion"] == nil)
    }

    @Test func aRefusedDeliveryGoesToTheDeadLetterQueueOrIsCountedAsFailed() async throws {
        let deadLetters = "arn:aws:sqs:us-east-1:111122223333:dead-letters"
        let refusal = SNSError(.kmsDisabled, "refused")
        let queues = RecordingNotificationQueues(refusing: [queueARN: refusal])
        let sns = try await harness.service(queues: queues)
        let arn = try await topic(sns)
        let subscription = try await sns.subscribe(topicARN: arn, protocol: "sqs", endpoint: queueARN, attributes: [:], returnARN: false,
                                                   context: root)
        _ = try await sns.publish(topicARN: arn, PublishedMessage(message: "lost?"), context: root)
        #expect(queues.outcomes == [.failed(code: "KMSDisabled")] && queues.sent.isEmpty)
        try await sns.setSubscriptionAttribute(arn: subscription, name: "RedrivePolicy", value: #"{"deadLetterTargetArn": "\#(deadLetters)"}"#,
                                               context: root)
        _ = try await sns.publish(topicARN: arn, PublishedMessage(message: "kept"), context: root)
        #expect(queues.outcomes.last == .deadLettered(code: "KMSDisabled"))
        #expect(queues.sent.map(\.queueARN) == [deadLetters])
    }

    @Test func lambdaAndFirehoseEndpointsCannotBeReached() async throws {
        let queues = RecordingNotificationQueues()
        let sns = try await harness.service(queues: queues)
        let arn = try await topic(sns)
        let deadLetters = "arn:aws:sqs:us-east-1:111122223333:dead-letters"
        let function = try await sns.subscribe(
            topicARN: arn, protocol: "lambda", endpoint: "arn:aws:lambda:us-east-1:111122223333:function:handler",
            attributes: ["RedrivePolicy": #"{"deadLetterTargetArn": "\#(deadLetters)"}"#], returnARN: false, context: root)
        #expect(try sns.subscriptionAttributes(arn: function, context: root)["PendingConfirmation"] == "false")
        _ = try await sns.subscribe(topicARN: arn, protocol: "firehose", endpoint: "arn:aws:firehose:us-east-1:111122223333:deliverystream/s",
                                    attributes: ["SubscriptionRoleArn": "arn:aws:iam::111122223333:role/firehose"], returnARN: false,
                                    context: root)
        _ = try await sns.publish(topicARN: arn, PublishedMessage(message: "nowhere"), context: root)
        #expect(queues.outcomes.sorted { "\($0)" < "\($1)" } == [.deadLettered(code: "EndpointUnreachable"), .failed(code: "EndpointUnreachable")])
        #expect(queues.sent.map(\.queueARN) == [deadLetters])
        await #expect(throws: SNSError.self) {
            try await sns.subscribe(topicARN: arn, protocol: "lambda", endpoint: "arn:aws:sqs:us-east-1:111122223333:q", attributes: [:],
                                    returnARN: false, context: root)
        }
    }

    @Test func pendingSubscriptionsAndDeletedTopicsReceiveNothing() async throws {
        let queues = RecordingNotificationQueues()
        let sns = try await harness.service(queues: queues)
        let arn = try await topic(sns)
        _ = try await sns.subscribe(topicARN: arn, protocol: "sqs", endpoint: "arn:aws:sqs:us-east-1:444455556666:theirs",
                                    attributes: [:], returnARN: false, context: root)
        _ = try await sns.publish(topicARN: arn, PublishedMessage(message: "m"), context: root)
        // Only the request to confirm went to the queue.
        #expect(queues.sent.map { $0.message.body.contains(#""Type":"SubscriptionConfirmation""#) } == [true])
        try await sns.deleteTopic(arn: arn, context: root)
        _ = try await topic(sns)
        #expect(try sns.listSubscriptions(topicARN: arn, nextToken: nil, context: root).0.isEmpty)
    }

    @Test func subscriptionsSurviveARestart() async throws {
        let sns = try await harness.service()
        let arn = try await topic(sns)
        let subscription = try await sns.subscribe(topicARN: arn, protocol: "sqs", endpoint: queueARN,
                                                   attributes: ["RawMessageDelivery": "true"], returnARN: false, context: root)
        let restarted = try await harness.service()
        #expect(try restarted.subscriptionAttributes(arn: subscription, context: root) == (try sns.subscriptionAttributes(arn: subscription, context: root)))
        #expect(try restarted.listSubscriptions(nextToken: nil, context: root).0.map(\.arn) == [subscription])
    }

    @Test func publishBatchChecksItsEntriesAndAnswersEach() async throws {
        let queues = RecordingNotificationQueues()
        let sns = try await harness.service(queues: queues)
        let arn = try await topic(sns)
        _ = try await sns.subscribe(topicARN: arn, protocol: "sqs", endpoint: queueARN, attributes: ["RawMessageDelivery": "true"],
                                    returnARN: false, context: root)
        let results = try await sns.publishBatch(topicARN: arn, [("one", PublishedMessage(message: "1")), ("two", PublishedMessage(message: ""))],
                                                 context: root)
        #expect(results.map(\.id) == ["one", "two"])
        #expect((try? results[0].result.get()) != nil)
        #expect(results[1].result == .failure(SNSError(.invalidParameter, "Invalid parameter: Empty message")))
        #expect(queues.sent.map(\.message.body) == ["1"])
        // Recorded from AWS.
        let batchErrors: [([(String, PublishedMessage)], SNSError)] = [
            ((0..<11).map { ("m\($0)", PublishedMessage(message: "x")) },
             SNSError(.tooManyEntriesInBatchRequest, "The batch request contains more entries than permissible.")),
            ([("same", PublishedMessage(message: "x")), ("same", PublishedMessage(message: "y"))],
             SNSError(.batchEntryIdsNotDistinct, "Two or more batch entries in the request have the same Id.")),
            ([("message.id", PublishedMessage(message: "x"))],
             SNSError(.invalidBatchEntryId, "The Id of a batch entry in the batch request contains an impermissible character: message.id")),
            ([(String(repeating: "a", count: 81), PublishedMessage(message: "x"))],
             SNSError(.invalidBatchEntryId, "The Id of a batch entry in the batch request is too long: \(String(repeating: "a", count: 81))")),
            ([("a", PublishedMessage(message: String(repeating: "x", count: 200_000))), ("b", PublishedMessage(message: String(repeating: "x", count: 100_000)))],
             SNSError(.batchRequestTooLong, "The length of all the messages put together is more than the limit.")),
        ]
        for (entries, error) in batchErrors {
            await #expect(throws: error) { try await sns.publishBatch(topicARN: arn, entries.map { (id: $0.0, message: $0.1) }, context: root) }
        }
    }
}
