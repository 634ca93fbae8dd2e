import ServiceCalls

/// Subscribes an endpoint to a topic.
public enum Subscribe: SNSOperation {
    public static let name = "Subscribe"

    public static func perform(_ input: SubscribeInput, context: CallContext,
                               service sns: TopicService) async throws -> SubscribeResponse {
        SubscribeResponse(subscriptionArn: try await sns.subscribe(
            topicARN: input.topicArn, protocol: input.protocol, endpoint: input.endpoint, attributes: input.attributes ?? [:],
            returnARN: input.returnSubscriptionArn ?? false, context: context))
    }
}
