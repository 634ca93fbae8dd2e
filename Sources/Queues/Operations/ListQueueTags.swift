import ServiceCalls

/// The tags of a queue.
public enum ListQueueTags: SQSOperation {
    public static let name = "ListQueueTags"

    public static func perform(_ input: ListQueueTagsRequest, context: CallContext,
                               service sqs: QueueService) async throws -> ListQueueTagsResult {
        let tags = try sqs.tags(url: input.queueUrl, context: context)
        return ListQueueTagsResult(tags: tags.isEmpty ? nil : tags)
    }
}
