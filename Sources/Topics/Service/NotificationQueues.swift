import Foundation
import ServiceCalls

/// A message SNS sends to a queue.
public struct QueueBoundMessage: Sendable, Equatable {
    public var body: String
    /// The message attributes, with raw message delivery only.
    public var attributes: [String: MessageAttributeValue]
    /// A FIFO topic's message group and deduplication id, passed on to a FIFO queue.
    public var groupID: String?
    public var deduplicationID: String?

    public init(body: String, attributes: [String: MessageAttributeValue] = [:], groupID: String? = nil,
                deduplicationID: String? = nil) {
        self.body = body
        self.attributes = attributes
        self.groupID = groupID
        self.deduplicationID = deduplicationID
    }
}

/// What happened to one delivery, for the metrics and the log.
public enum DeliveryOutcome: Sendable, Equatable {
    case delivered
    /// Refused by the endpoint with `code` (an SQS or KMS error code) and sent to the
    /// subscription's dead-letter queue.
    case deadLettered(code: String)
    /// Refused with `code`, and no dead-letter queue took it.
    case failed(code: String)
}

/// Where SNS delivers to SQS queues, implemented by the server over the queue service: the topic
/// service never imports the queue service.
///
/// A delivery is an ordinary SQS call made by the service principal `sns.amazonaws.com` for the
/// topic (`aws:SourceArn`, `aws:SourceAccount`): the queue policy decides it, and for an
/// SSE-KMS queue the key policy decides SQS's KMS calls made for it.
public protocol NotificationQueues: Sendable {
    /// Sends `message` to the queue `queueARN` as `context`; throws the error SQS answers.
    func send(_ message: QueueBoundMessage, toQueue queueARN: String, context: CallContext) async throws
    /// Counts and logs a delivery.
    func observe(topicARN: String, subscriptionARN: String, outcome: DeliveryOutcome)
}
