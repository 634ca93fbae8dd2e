import ServiceCalls

/// Adds or replaces cost allocation tags of a queue.
public enum TagQueue: SQSOperation {
    public static let name = "TagQueue"

    public static func perform(_ input: TagQueueRequest, context: CallContext,
                               service sqs: QueueService) async throws -> TagQueueResponse {
        try await sqs.tagQueue(url: input.queueUrl, tags: input.tags, context: context)
        return TagQueueResponse()
    }
}
