import Foundation
import Logging
import Queues
import ServiceCalls
import Topics

/// SNS's way into SQS queues: the in-process client, so every delivery is an ordinary SQS call
/// made by `sns.amazonaws.com` for the topic — authorized by the queue policy (`aws:SourceArn`,
/// `aws:SourceAccount`), with SSE-KMS data keys asked of the KMS as `sns.amazonaws.com`, audited
/// and counted like any other.
///
/// Every delivery is counted (`arca_sns_deliveries_total`) by topic, subscription, outcome and
/// reason, and a refused one is logged with the SQS or KMS error code: "deliveries silently stop"
/// is what this makes visible.
struct NotificationQueueDeliveries: NotificationQueues {
    let client: ServiceClient<QueueService>
    let metrics: RequestMetrics
    let logger: Logger

    func send(_ message: QueueBoundMessage, toQueue queueARN: String, context: CallContext) async throws {
        guard let address = QueueAddress(arn: queueARN) else { throw SQSError.nonExistentQueue }
        let attributes = message.attributes.mapValues { value in
            Queues.MessageAttributeValue(stringValue: value.stringValue, binaryValue: value.binaryValue, dataType: value.dataType)
        }
        let request = SendMessageRequest(queueUrl: address.url(host: nil), messageBody: message.body,
                                         messageAttributes: attributes.isEmpty ? nil : attributes,
                                         messageDeduplicationId: address.name.isFIFO ? message.deduplicationID : nil,
                                         messageGroupId: address.name.isFIFO ? message.groupID : nil)
        _ = try await client.call(SendMessage.self, request, as: context)
    }

    func observe(topicARN: String, subscriptionARN: String, outcome: DeliveryOutcome) {
        switch outcome {
        case .delivered:
            metrics.observeNotificationDelivery(topic: topicARN, subscription: subscriptionARN, outcome: "delivered", reason: "")
        case .deadLettered(let code):
            metrics.observeNotificationDelivery(topic: topicARN, subscription: subscriptionARN, outcome: "dead_lettered", reason: code)
            logger.warning("SNS delivery refused; sent to the subscription's dead-letter queue", metadata: [
                "topic": "\(topicARN)", "subscription": "\(subscriptionARN)", "error": "\(code)"])
        case .failed(let code):
            metrics.observeNotificationDelivery(topic: topicARN, subscription: subscriptionARN, outcome: "failed", reason: code)
            logger.error("SNS delivery refused and not delivered", metadata: [
                "topic": "\(topicARN)", "subscription": "\(subscriptionARN)", "error": "\(code)"])
        }
    }
}
