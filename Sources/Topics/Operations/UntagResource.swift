import ServiceCalls

/// Removes tags of a topic; keys it does not have are ignored.
public enum UntagResource: SNSOperation {
    public static let name = "UntagResource"

    public static func perform(_ input: UntagResourceRequest, context: CallContext,
                               service sns: TopicService) async throws -> UntagResourceResponse {
        try await sns.untagResource(arn: input.resourceArn, keys: input.tagKeys, context: context)
        return UntagResourceResponse()
    }
}
