import ServiceCalls

/// Lists a topic's subscriptions, 100 at a time.
public enum ListSubscriptionsByTopic: SNSOperation {
    public static let name = "ListSubscriptionsByTopic"

    public static func perform(_ input: ListSubscriptionsByTopicInput, context: CallContext,
                               service sns: TopicService) async throws -> ListSubscriptionsByTopicResponse {
        let (page, token) = try sns.listSubscriptions(topicARN: input.topicArn, nextToken: input.nextToken, context: context)
        return ListSubscriptionsByTopicResponse(subscriptions: page.map(Subscription.init), nextToken: token)
    }
}
