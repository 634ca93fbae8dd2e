import ServiceCalls

/// Deletes every message sent to the queue before the call; once a minute per queue.
public enum PurgeQueue: SQSOperation {
    public static let name = "PurgeQueue"

    public static func perform(_ input: PurgeQueueRequest, context: CallContext,
                               service sqs: QueueService) async throws -> PurgeQueueResponse {
        try await sqs.purge(url: input.queueUrl, context: context)
        return PurgeQueueResponse()
    }
}
