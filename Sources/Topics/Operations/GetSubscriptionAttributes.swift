import ServiceCalls

/// Answers a subscription's attributes.
public enum GetSubscriptionAttributes: SNSOperation {
    public static let name = "GetSubscriptionAttributes"

    public static func perform(_ input: GetSubscriptionAttributesInput, context: CallContext,
                               service sns: TopicService) async throws -> GetSubscriptionAttributesResponse {
        GetSubscriptionAttributesResponse(attributes: try sns.subscriptionAttributes(arn: input.subscriptionArn, context: context))
    }
}
