import ServiceCalls

/// Adds or replaces tags of a topic.
public enum TagResource: SNSOperation {
    public static let name = "TagResource"

    public static func perform(_ input: TagResourceRequest, context: CallContext,
                               service sns: TopicService) async throws -> TagResourceResponse {
        try await sns.tagResource(arn: input.resourceArn, tags: input.tags, context: context)
        return TagResourceResponse()
    }
}
