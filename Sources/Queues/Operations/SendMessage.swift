import ServiceCalls

/// Delivers a message to a queue: stored (sealed on an encrypted queue) and durable before the
/// answer.
public enum SendMessage: SQSOperation {
    public static let name = "SendMessage"

    public static func perform(_ input: SendMessageRequest, context: CallContext,
                               service sqs: QueueService) async throws -> SendMessageResult {
        let entry = MessageToSend(content: MessageContent(body: input.messageBody, attributes: input.messageAttributes ?? [:]),
                                  delaySeconds: input.delaySeconds, systemAttributes: input.messageSystemAttributes,
                                  groupID: input.messageGroupId, deduplicationID: input.messageDeduplicationId)
        let receipt = try await sqs.send(url: input.queueUrl, [entry], batch: false, context: context)[0].get()
        return SendMessageResult(md5OfMessageBody: receipt.bodyMD5, md5OfMessageAttributes: receipt.attributesMD5,
                                 md5OfMessageSystemAttributes: receipt.systemAttributesMD5, messageId: receipt.messageID,
                                 sequenceNumber: receipt.sequenceNumber)
    }
}
