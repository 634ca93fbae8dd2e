import ServiceCalls

/// Answers a topic's attributes.
public enum GetTopicAttributes: SNSOperation {
    public static let name = "GetTopicAttributes"

    public static func perform(_ input: GetTopicAttributesInput, context: CallContext,
                               service sns: TopicService) async throws -> GetTopicAttributesResponse {
        GetTopicAttributesResponse(attributes: try sns.attributes(arn: input.topicArn, context: context))
    }
}
