import AWSWire
import Crypto
import Foundation
import ServiceCalls

extension TopicService {
    // MARK: HTTP/S deliveries

    /// The HTTP/S delivery of `body` to `subscription`, sealed when the topic is encrypted.
    func outboundDelivery(_ body: String, type: String, messageID: String, raw: Bool, to subscription: TopicSubscription,
                          of topic: SNSTopic, dataKey: TopicDataKey?, now: Date) throws -> OutboundDelivery {
        var delivery = OutboundDelivery(
            subscriptionARN: subscription.arn, topicARN: topic.arn, endpoint: subscription.endpoint, messageType: type,
            messageID: messageID, contentType: Self.contentType(topic: topic, subscription: subscription), raw: raw, payload: [],
            dueAt: now)
        if let dataKey {
            delivery.payload = try NotificationPayload.sealed(body, dataKey: dataKey.key, wrappingKey: self.delivery.wrappingKey,
                                                        binding: Self.binding(delivery), randomBytes: randomBytes)
        } else {
            // Sealed all the same: the outbox holds subscription tokens and what endpoints are sent.
            delivery.payload = try NotificationPayload.seal(body, wrappingKey: self.delivery.wrappingKey, binding: Self.binding(delivery),
                                                           randomBytes: randomBytes)
        }
        return delivery
    }

    static func binding(_ delivery: OutboundDelivery) -> String { delivery.messageID + "\n" + delivery.subscriptionARN }

    /// "headerContentType" of the subscription's delivery policy's `requestPolicy`, else of the
    /// topic's `http.defaultRequestPolicy`, else `text/plain; charset=UTF-8` (Creating an HTTP/S
    /// delivery policy).
    static func contentType(topic: SNSTopic, subscription: TopicSubscription) -> String {
        func member(_ value: JSONValue?, _ path: [String]) -> JSONValue? {
            path.reduce(value) { current, name in
                guard case .object(let fields)? = current else { return nil }
                return fields[name]
            }
        }
        let own = subscription.attributes["DeliveryPolicy"].flatMap { try? JSONParser.parse(Array($0.utf8)) }
        let topicPolicy = topic.configuration["DeliveryPolicy"].flatMap { try? JSONParser.parse(Array($0.utf8)) }
        if case .string(let type)? = member(own, ["requestPolicy", "headerContentType"]) { return type }
        if case .string(let type)? = member(topicPolicy, ["http", "defaultRequestPolicy", "headerContentType"]) { return type }
        return "text/plain; charset=UTF-8"
    }

    /// Delivers what is due in the outbox to HTTP/S endpoints: a 2xx or 4xx answer ends the
    /// delivery ("If Amazon SNS receives a 4xx status code, it does not retry"), but "Amazon SNS
    /// considers all 5XX errors and 429 (too many requests sent) errors as retryable": those, a
    /// timeout or an unreachable endpoint are retried as the delivery policy says, and when the
    /// retries are spent the message goes to the subscription's dead-letter queue, or is dropped —
    /// counted and logged either way. Answers how many deliveries it tried.
    @discardableResult
    public func deliverDue(limit: Int = 100) async throws -> Int {
        guard let outbox = delivery.outbox, let endpoints = delivery.endpoints else { return 0 }
        let now = now()
        let due = try await outbox.due(at: now, limit: limit)
        // Several at a time, so one endpoint that does not answer holds up no other.
        try await withThrowingTaskGroup(of: Void.self) { group in
            var running = 0
            for item in due {
                // Stopping (shutdown): what is left stays due, untouched.
                if Task.isCancelled { break }
                if running == Self.concurrentDeliveries {
                    try await group.next()
                    running -= 1
                }
                group.addTask { try await self.deliver(item, now: now, outbox: outbox, endpoints: endpoints) }
                running += 1
            }
            try await group.waitForAll()
        }
        return due.count
    }

    /// How many HTTP/S deliveries are under way at once.
    static let concurrentDeliveries = 8

    /// One delivery of the outbox: posted, then removed, rescheduled or dead-lettered.
    private func deliver(_ item: OutboundDelivery, now: Date, outbox: any DeliveryOutbox,
                         endpoints: any NotificationEndpoints) async throws {
        let (subscription, topic) = registry.read { state in
            // An UnsubscribeConfirmation goes to a subscription that is gone but restorable.
            let subscription = state.subscriptions[item.subscriptionARN] ?? (item.messageType == "UnsubscribeConfirmation"
                ? state.restorable.values.first { $0.subscription.arn == item.subscriptionARN }?.subscription : nil)
            return (subscription, subscription.flatMap { found in state.topics.values.first { $0.id == found.topicID } })
        }
        // Unsubscribed, or its topic deleted, meanwhile: nothing is delivered.
        guard let subscription, let topic else {
            try await outbox.remove(id: item.id)
            return
        }
        guard let body = NotificationPayload.open(item.payload, wrappingKey: delivery.wrappingKey, binding: Self.binding(item)) else {
            try await outbox.remove(id: item.id)
            queues?.observe(topicARN: topic.arn, subscriptionARN: subscription.arn, outcome: .failed(code: "Unreadable"))
            return
        }
        var headers = [("Content-Type", item.contentType), ("x-amz-sns-message-type", item.messageType),
                       ("x-amz-sns-message-id", item.messageID), ("x-amz-sns-topic-arn", item.topicARN),
                       ("User-Agent", "Amazon Simple Notification Service Agent")]
        if item.messageType == "Notification" { headers.append(("x-amz-sns-subscription-arn", item.subscriptionARN)) }
        if item.raw { headers.append(("x-amz-sns-rawdelivery", "true")) }
        var failure: String?
        do {
            let status = try await endpoints.post(Array(body.utf8), headers: headers, to: item.endpoint)
            if !(200..<500).contains(status) || status == 429 { failure = "HTTP\(status)" }
        } catch {
            if Task.isCancelled { return }
            failure = "Unreachable"
        }
        guard let failure else {
            try await outbox.remove(id: item.id)
            queues?.observe(topicARN: topic.arn, subscriptionARN: subscription.arn, outcome: .delivered)
            return
        }
        let policy = DeliveryRetryPolicy(topicPolicy: topic.configuration["DeliveryPolicy"],
                                         subscriptionPolicy: subscription.attributes["DeliveryPolicy"])
        if let delay = policy.delay(beforeRetry: item.attempts + 1) {
            try await outbox.reschedule(id: item.id, attempts: item.attempts + 1, dueAt: now.addingTimeInterval(delay))
            return
        }
        // Dead-lettered before it leaves the outbox: a kill in between repeats it, never loses it.
        await deadLetterOrDrop(QueueBoundMessage(body: body), for: subscription, of: topic, code: failure)
        try await outbox.remove(id: item.id)
    }

    /// A delivery the endpoint refused for good: to the subscription's dead-letter queue when it
    /// has one, counted and logged either way.
    func deadLetterOrDrop(_ message: QueueBoundMessage, for subscription: TopicSubscription, of topic: SNSTopic, code: String,
                          context given: CallContext? = nil) async {
        let context = given ?? topic.deliveryContext(requestID: "sns-delivery")
        if let queues, let deadLetter = subscription.deadLetterQueueARN,
           (try? await queues.send(message, toQueue: deadLetter, context: context)) != nil {
            queues.observe(topicARN: topic.arn, subscriptionARN: subscription.arn, outcome: .deadLettered(code: code))
        } else {
            queues?.observe(topicARN: topic.arn, subscriptionARN: subscription.arn, outcome: .failed(code: code))
        }
    }
}
