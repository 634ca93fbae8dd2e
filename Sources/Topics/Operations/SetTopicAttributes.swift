import ServiceCalls

/// Sets one attribute of a topic.
public enum SetTopicAttributes: SNSOperation {
    public static let name = "SetTopicAttributes"

    public static func perform(_ input: SetTopicAttributesInput, context: CallContext,
                               service sns: TopicService) async throws -> SetTopicAttributesResponse {
        try await sns.setAttribute(arn: input.topicArn, name: input.attributeName, value: input.attributeValue, context: context)
        return SetTopicAttributesResponse()
    }
}
