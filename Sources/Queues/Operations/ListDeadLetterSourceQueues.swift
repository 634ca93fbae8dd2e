import ServiceCalls

/// "Returns a list of your queues that have the RedrivePolicy queue attribute configured with a
/// dead-letter queue." (ListDeadLetterSourceQueues) — those naming this one, paged as ListQueues.
public enum ListDeadLetterSourceQueues: SQSOperation {
    public static let name = "ListDeadLetterSourceQueues"

    public static func perform(_ input: ListDeadLetterSourceQueuesRequest, context: CallContext,
                               service sqs: QueueService) async throws -> ListDeadLetterSourceQueuesResult {
        let paging = try QueuePaging(maxResults: input.maxResults, nextToken: input.nextToken)
        let (queues, more) = try sqs.deadLetterSources(url: input.queueUrl, after: paging.after, limit: paging.limit,
                                                       context: context)
        return ListDeadLetterSourceQueuesResult(queueUrls: queues.map { $0.url(host: context.host) },
                                                nextToken: paging.nextToken(after: queues, more: more))
    }
}
