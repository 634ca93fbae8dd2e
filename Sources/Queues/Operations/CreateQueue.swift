import ServiceCalls

/// Creates a queue, or answers the URL of the existing one when its attributes match.
public enum CreateQueue: SQSOperation {
    public static let name = "CreateQueue"

    public static func perform(_ input: CreateQueueRequest, context: CallContext,
                               service sqs: QueueService) async throws -> CreateQueueResult {
        let address = try await sqs.createQueue(named: input.queueName, attributes: input.attributes ?? [:],
                                                tags: input.tags ?? [:], context: context)
        return CreateQueueResult(queueUrl: address.url(host: context.host))
    }
}
