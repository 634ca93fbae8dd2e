import ServiceCalls

/// Deletes a topic and its subscriptions; deleting a topic that does not exist is no error.
public enum DeleteTopic: SNSOperation {
    public static let name = "DeleteTopic"

    public static func perform(_ input: DeleteTopicInput, context: CallContext,
                               service sns: TopicService) async throws -> DeleteTopicResponse {
        try await sns.deleteTopic(arn: input.topicArn, context: context)
        return DeleteTopicResponse()
    }
}
