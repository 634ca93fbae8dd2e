import ServiceCalls

/// Deletes the message a receipt handle names.
public enum DeleteMessage: SQSOperation {
    public static let name = "DeleteMessage"

    public static func perform(_ input: DeleteMessageRequest, context: CallContext,
                               service sqs: QueueService) async throws -> DeleteMessageResponse {
        let queue = try sqs.messageQueue(url: input.queueUrl, for: "sqs:DeleteMessage", context: context)
        try await sqs.deleteMessage(in: queue, receiptHandle: input.receiptHandle)
        return DeleteMessageResponse()
    }
}
