import ServiceCalls

/// Sets one attribute of a subscription.
public enum SetSubscriptionAttributes: SNSOperation {
    public static let name = "SetSubscriptionAttributes"

    public static func perform(_ input: SetSubscriptionAttributesInput, context: CallContext,
                               service sns: TopicService) async throws -> SetSubscriptionAttributesResponse {
        try await sns.setSubscriptionAttribute(arn: input.subscriptionArn, name: input.attributeName, value: input.attributeValue,
                                               context: context)
        return SetSubscriptionAttributesResponse()
    }
}
