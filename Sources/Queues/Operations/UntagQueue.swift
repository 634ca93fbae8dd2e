import ServiceCalls

/// Removes tags of a queue by key.
public enum UntagQueue: SQSOperation {
    public static let name = "UntagQueue"

    public static func perform(_ input: UntagQueueRequest, context: CallContext,
                               service sqs: QueueService) async throws -> UntagQueueResponse {
        try await sqs.untagQueue(url: input.queueUrl, keys: input.tagKeys, context: context)
        return UntagQueueResponse()
    }
}
