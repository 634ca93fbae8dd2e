import ServiceCalls

/// Deletes a subscription; one that does not exist is no error.
public enum Unsubscribe: SNSOperation {
    public static let name = "Unsubscribe"

    public static func perform(_ input: UnsubscribeInput, context: CallContext,
                               service sns: TopicService) async throws -> UnsubscribeResponse {
        try await sns.unsubscribe(arn: input.subscriptionArn, context: context)
        return UnsubscribeResponse()
    }
}
