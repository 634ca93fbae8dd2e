import ServiceCalls

/// The URL of a queue by its name, in the caller's account or the one `QueueOwnerAWSAccountId` names.
public enum GetQueueUrl: SQSOperation {
    public static let name = "GetQueueUrl"

    public static func perform(_ input: GetQueueUrlRequest, context: CallContext,
                               service sqs: QueueService) async throws -> GetQueueUrlResult {
        let address = try sqs.queueAddress(named: input.queueName, owner: input.queueOwnerAWSAccountId, context: context)
        return GetQueueUrlResult(queueUrl: address.url(host: context.host))
    }
}
