import ServiceCalls

/// The caller's queues in the region, by name, a page at a time when `MaxResults` is given.
///
/// "The response includes a maximum of 1,000 results. If you specify a value for the optional
/// QueueNamePrefix parameter, only queues with a name that begins with the specified value are
/// returned." (ListQueues)
public enum ListQueues: SQSOperation {
    public static let name = "ListQueues"

    public static func perform(_ input: ListQueuesRequest, context: CallContext,
                               service sqs: QueueService) async throws -> ListQueuesResult {
        let paging = try QueuePaging(maxResults: input.maxResults, nextToken: input.nextToken)
        let (queues, more) = try sqs.listQueues(prefix: input.queueNamePrefix, after: paging.after, limit: paging.limit,
                                                context: context)
        return ListQueuesResult(queueUrls: queues.isEmpty ? nil : queues.map { $0.url(host: context.host) },
                                nextToken: paging.nextToken(after: queues, more: more))
    }
}
