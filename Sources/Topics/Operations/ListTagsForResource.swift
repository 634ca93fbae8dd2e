import ServiceCalls

/// Answers a topic's tags, by key.
public enum ListTagsForResource: SNSOperation {
    public static let name = "ListTagsForResource"

    public static func perform(_ input: ListTagsForResourceRequest, context: CallContext,
                               service sns: TopicService) async throws -> ListTagsForResourceResponse {
        ListTagsForResourceResponse(tags: try sns.tags(arn: input.resourceArn, context: context).map { Tag(key: $0.key, value: $0.value) })
    }
}
