import ServiceCalls

/// Creates a topic, or answers the ARN of the existing one when its attributes and tags match.
public enum CreateTopic: SNSOperation {
    public static let name = "CreateTopic"

    public static func perform(_ input: CreateTopicInput, context: CallContext,
                               service sns: TopicService) async throws -> CreateTopicResponse {
        let address = try await sns.createTopic(named: input.name, attributes: input.attributes ?? [:],
                                                tags: try TopicService.tagDictionary(input.tags ?? []),
                                                dataProtectionPolicy: input.dataProtectionPolicy, context: context)
        return CreateTopicResponse(topicArn: address.arn)
    }
}
