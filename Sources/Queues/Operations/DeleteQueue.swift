import ServiceCalls

/// Deletes a queue and its messages; its name is reusable after 60 seconds.
public enum DeleteQueue: SQSOperation {
    public static let name = "DeleteQueue"

    public static func perform(_ input: DeleteQueueRequest, context: CallContext,
                               service sqs: QueueService) async throws -> DeleteQueueResponse {
        try await sqs.deleteQueue(url: input.queueUrl, context: context)
        return DeleteQueueResponse()
    }
}
