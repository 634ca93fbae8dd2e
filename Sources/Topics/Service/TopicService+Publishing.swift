import AWSWire
import Crypto
import Foundation
import Identity
import ServiceCalls

/// What Publish answers.
public struct PublishReceipt: Sendable, Equatable {
    public var messageID: String
    /// FIFO topics only.
    public var sequenceNumber: String?
}

extension TopicService {
    /// Publish: checks the message, then delivers it to every confirmed subscription whose
    /// filter policy matches it, before answering.
    ///
    /// Deliveries into queues are made in-process and are durable when the queue's send is, so an
    /// answered Publish has reached every queue it was delivered to, `kill -9` or not. A delivery
    /// the queue refuses (its policy, its KMS key) does not fail the Publish, as on AWS: it goes
    /// to the subscription's dead-letter queue when one is set, and is counted and logged.
    public func publish(topicARN: String, _ message: PublishedMessage, context: CallContext) async throws -> PublishReceipt {
        let topic = try authorizedTopic(arn: topicARN, for: "SNS:Publish", context: context)
        return try await publish(message, to: topic, context: context)
    }

    /// PublishBatch: each entry checked and delivered on its own; "The PublishBatch API can send
    /// up to 10 messages at a time"; the entries' ids are checked as SQS checks batch ids.
    public func publishBatch(topicARN: String, _ entries: [(id: String, message: PublishedMessage)],
                             context: CallContext) async throws -> [(id: String, result: Result<PublishReceipt, SNSError>)] {
        let topic = try authorizedTopic(arn: topicARN, for: "SNS:Publish", context: context)
        // Recorded from AWS.
        guard !entries.isEmpty else { throw SNSError(.emptyBatchRequest, "The batch request doesn't contain any entries.") }
        guard entries.count <= 10 else {
            throw SNSError(.tooManyEntriesInBatchRequest, "The batch request contains more entries than permissible.")
        }
        for entry in entries {
            guard entry.id.count <= 80 else {
                throw SNSError(.invalidBatchEntryId, "The Id of a batch entry in the batch request is too long: \(entry.id)")
            }
            guard !entry.id.isEmpty, entry.id.utf8.allSatisfy(TopicName.isNameByte) else {
                throw SNSError(.invalidBatchEntryId,
                               "The Id of a batch entry in the batch request contains an impermissible character: \(entry.id)")
            }
        }
        guard Set(entries.map(\.id)).count == entries.count else {
            throw SNSError(.batchEntryIdsNotDistinct, "Two or more batch entries in the request have the same Id.")
        }
        let total = entries.reduce(0) { $0 + $1.message.message.utf8.count }
        guard total <= PublishRules.maximumSize else {
            throw SNSError(.batchRequestTooLong, "The length of all the messages put together is more than the limit.")
        }
        var results: [(id: String, result: Result<PublishReceipt, SNSError>)] = []
        for entry in entries {
            do {
                results.append((entry.id, .success(try await publish(entry.message, to: topic, context: context))))
            } catch let error as SNSError {
                results.append((entry.id, .failure(error)))
            }
        }
        return results
    }

    private func publish(_ message: PublishedMessage, to topic: SNSTopic, context: CallContext) async throws -> PublishReceipt {
        let configuration = topic.configuration
        let structured = try PublishRules.check(message, fifo: configuration.isFIFO,
                                                contentBasedDeduplication: configuration.contentBasedDeduplication)
        let now = now()
        let messageID = uuid()
        var sequenceNumber: String?
        var deduplicationID = message.deduplicationID
        if configuration.isFIFO {
            sequenceNumber = nextSequenceNumber(topicID: topic.id, now: now)
            // "ContentBasedDeduplication – … Amazon SNS uses a SHA-256 hash to generate the
            // MessageDeduplicationId using the body of the message (but not the attributes)."
            if deduplicationID == nil {
                deduplicationID = Hex.lowercase(SHA256.hash(data: Array(message.message.utf8)))
            }
            // "Message deduplication ID … If a message with a particular message deduplication ID
            // is published successfully, any messages published with the same message
            // deduplication ID are accepted successfully but aren't delivered during the 5-minute
            // deduplication interval" — to queues of either kind (recorded from AWS).
            if let earlier = deduplication.value(for: DeduplicationKey(topicID: topic.id, deduplicationID: deduplicationID!), at: now) {
                return earlier
            }
        }
        var dataKey: TopicDataKey?
        if let keyID = configuration.kmsMasterKeyID {
            // SSE: the publisher's data key for the topic, from the KMS as the publisher (its
            // permissions and the key's state decide; "the publisher must have the
            // kms:GenerateDataKey* and kms:Decrypt permissions"). It seals what SNS keeps of a
            // message until delivery: the outbox of HTTP/S deliveries. Deliveries into queues are
            // made before Publish answers, so SNS keeps nothing of them; a queue's own SSE
            // encrypts them there.
            dataKey = try await keyring.dataKey(for: topic, keyID: keyID, context: context, now: now)
        }
        let subscriptions = registry.read { state in
            (state.subscriptionsByTopic[topic.id] ?? [:]).values.filter { !$0.isPending }.sorted { $0.arn < $1.arn }
        }
        guard !subscriptions.isEmpty else {
            return PublishReceipt(messageID: messageID, sequenceNumber: sequenceNumber)
        }
        let timestamp = NotificationEnvelope.timestamp(now)
        let base = self.delivery.linkBase(host: context.host, region: topic.address.region)
        // Deliveries into queues are SQS calls by `sns.amazonaws.com` for the topic.
        let delivery = topic.deliveryContext(requestID: context.requestID)
        // One signature per message text (a structured message may give each protocol its own).
        var signatures: [String: String] = [:]
        let signatureVersion = configuration["SignatureVersion"] ?? "1"
        var outbound: [OutboundDelivery] = []
        var inboxed: [InboxMessage] = []
        for subscription in subscriptions where Self.deliveredProtocols.contains(subscription.deliveryProtocol) {
            guard try filter(of: subscription)?.matches(message) ?? true else { continue }
            let text = structured?[subscription.deliveryProtocol.rawValue] ?? structured?["default"] ?? message.message
            var body = text
            // An email carries the message as text, an SMS the text alone; the others the envelope
            // unless their subscription delivers raw.
            let enveloped = subscription.deliveryProtocol == .emailJSON
                || (![.email, .sms, .application].contains(subscription.deliveryProtocol) && !subscription.rawMessageDelivery)
            if enveloped {
                let envelope = NotificationEnvelope(
                    messageID: messageID, topicARN: topic.arn, subject: message.subject, message: text, timestamp: timestamp,
                    sequenceNumber: sequenceNumber, unsubscribeURL: Self.unsubscribeURL(subscription.arn, base: base),
                    attributes: message.attributes)
                var signature = ""
                if sequenceNumber == nil {
                    if let known = signatures[text] {
                        signature = known
                    } else {
                        signature = try signer.signature(type: "Notification", fields: envelope.signedFields, version: signatureVersion)
                        signatures[text] = signature
                    }
                }
                body = envelope.json(signature: signature, signatureVersion: signatureVersion,
                                     certificateURL: signer.certificateURL(base: base))
            }
            switch subscription.deliveryProtocol {
            case .application:
                // A disabled or deleted endpoint gets nothing.
                guard let endpoint = registry.read({ $0.endpoints[subscription.endpoint] }), endpoint.isEnabled else { continue }
                let platform = registry.read { $0.applications[endpoint.applicationARN]?.platform } ?? "default"
                inboxed.append(InboxMessage(
                    deliveryProtocol: "application", endpoint: subscription.endpoint, topicARN: topic.arn, subscriptionARN: subscription.arn,
                    messageType: "Notification", messageID: messageID, subject: nil,
                    body: structured?[platform] ?? structured?["default"] ?? message.message, timestamp: now))
                continue
            case .email, .emailJSON, .sms:
                inboxed.append(InboxMessage(
                    deliveryProtocol: subscription.deliveryProtocol.rawValue, endpoint: subscription.endpoint, topicARN: topic.arn,
                    subscriptionARN: subscription.arn, messageType: "Notification", messageID: messageID,
                    subject: subscription.deliveryProtocol == .sms ? nil : message.subject ?? "AWS Notification Message", body: body,
                    timestamp: now))
                continue
            case .lambda, .firehose:
                // No such endpoint answers here: the delivery fails as to one that cannot be
                // reached, to the dead-letter queue when the subscription has one.
                await deadLetterOrDrop(QueueBoundMessage(body: body), for: subscription, of: topic, code: "EndpointUnreachable",
                                       context: delivery)
                continue
            case .sqs:
                guard let queues else { continue }
                let queued = QueueBoundMessage(body: body, attributes: subscription.rawMessageDelivery ? message.attributes : [:],
                                               groupID: message.groupID, deduplicationID: deduplicationID)
                await deliver(queued, for: subscription, of: topic, queues: queues, context: delivery)
            default:
                outbound.append(try outboundDelivery(body, type: "Notification", messageID: messageID, raw: subscription.rawMessageDelivery,
                                                     to: subscription, of: topic, dataKey: dataKey, now: now))
            }
        }
        if !inboxed.isEmpty, let inbox = self.delivery.inbox {
            try await inbox.deliver(inboxed)
        }
        if !outbound.isEmpty, let outbox = self.delivery.outbox {
            // Durable before the answer: delivered even if Arca is killed right after.
            try await outbox.enqueue(outbound)
        }
        if let deduplicationID, configuration.isFIFO {
            // Durable before the answer, as the deliveries are: a repeat after a restart is still a repeat.
            let remembered = TopicDeduplication(topicID: topic.id, deduplicationID: deduplicationID, messageID: messageID,
                                                sequenceNumber: sequenceNumber, until: now.addingTimeInterval(TopicDeduplication.interval))
            try await store.remember(remembered)
            deduplication.insert(PublishReceipt(messageID: messageID, sequenceNumber: sequenceNumber),
                                 for: DeduplicationKey(topicID: topic.id, deduplicationID: deduplicationID), until: remembered.until,
                                 now: now)
        }
        return PublishReceipt(messageID: messageID, sequenceNumber: sequenceNumber)
    }

    /// Sends one delivery; a refusal goes to the subscription's dead-letter queue when it has one.
    private func deliver(_ message: QueueBoundMessage, for subscription: TopicSubscription, of topic: SNSTopic,
                         queues: any NotificationQueues, context: CallContext) async {
        do {
            try await queues.send(message, toQueue: subscription.endpoint, context: context)
            queues.observe(topicARN: topic.arn, subscriptionARN: subscription.arn, outcome: .delivered)
        } catch {
            await deadLetterOrDrop(message, for: subscription, of: topic,
                                   code: (error as? any AWSErrorRenderable)?.queryErrorCode ?? "InternalError", context: context)
        }
    }

    /// The protocols Arca delivers to: queues in-process, HTTP/S endpoints through the outbox,
    /// email addresses, phone numbers and mobile endpoints to the local inbox; Lambda functions and Firehose
    /// streams, which Arca does not serve, fail as unreachable endpoints.
    static let deliveredProtocols: Set<DeliveryProtocol> = [.sqs, .http, .https, .email, .emailJSON, .sms, .application, .lambda, .firehose]

    /// Publish to a phone number: "If you don't specify a value for the TargetArn parameter, you
    /// must specify a value for the PhoneNumber or TopicArn parameters" — one SMS, to the local
    /// inbox. The number is checked as recorded from AWS.
    public func publish(toPhoneNumber number: String, _ message: PublishedMessage, context: CallContext) async throws -> PublishReceipt {
        try authorize("SNS:Publish", resource: "*", policy: nil, context: context)
        guard Self.isPhoneNumber(number) else {
            throw SNSError.invalidParameter("PhoneNumber", reason: "\(number) is not valid to publish to")
        }
        _ = try PublishRules.check(message, fifo: false, contentBasedDeduplication: false)
        let messageID = uuid()
        try await delivery.inbox?.deliver([InboxMessage(
            deliveryProtocol: "sms", endpoint: number, topicARN: nil, subscriptionARN: nil, messageType: "Notification",
            messageID: messageID, subject: nil, body: message.message, timestamp: now())])
        return PublishReceipt(messageID: messageID, sequenceNumber: nil)
    }

    /// `UnsubscribeURL`: where the subscription's endpoint may unsubscribe, on the endpoint the
    /// publisher reached (AWS's regional one for a call made inside Arca).
    static func unsubscribeURL(_ subscriptionARN: String, base: String) -> String {
        "\(base)/?Action=Unsubscribe&SubscriptionArn=\(subscriptionARN)"
    }

    /// A FIFO topic's next sequence number: 20 digits, increasing per topic, from the clock so
    /// it keeps increasing across restarts.
    func nextSequenceNumber(topicID: Int64, now: Date) -> String {
        // Tenths of microseconds: 20 digits until the year 9999, without overflow.
        let base = UInt64(min(max(0, now.timeIntervalSince1970 * 10_000_000), 1e19))
        let next = sequences.withLock { sequences in
            let value = max(base, (sequences[topicID] ?? 0) + 1)
            sequences[topicID] = value
            return value
        }
        let digits = String(next)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }
}

extension SNSTopic {
    /// The caller of what SNS sends for this topic into queues: `sns.amazonaws.com` acting for
    /// the topic's account, in its region, with the topic as `aws:SourceArn`/`aws:SourceAccount`
    /// (the confused-deputy conditions a queue policy may put on it).
    func deliveryContext(requestID: String) -> CallContext {
        CallContext(caller: .service("sns.amazonaws.com", actingFor: address.account), region: address.region,
                    requestID: requestID, sourceResource: SourceResource(arn: arn, account: address.account))
    }
}
