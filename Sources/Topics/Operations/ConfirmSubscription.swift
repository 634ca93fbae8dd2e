import ServiceCalls

/// Confirms a subscription with the token SNS sent its endpoint.
public enum ConfirmSubscription: SNSOperation {
    public static let name = "ConfirmSubscription"

    public static func perform(_ input: ConfirmSubscriptionInput, context: CallContext,
                               service sns: TopicService) async throws -> ConfirmSubscriptionResponse {
        ConfirmSubscriptionResponse(subscriptionArn: try await sns.confirmSubscription(
            topicARN: input.topicArn, token: input.token, authenticateOnUnsubscribe: input.authenticateOnUnsubscribe?.lowercased() == "true",
            context: context))
    }
}
