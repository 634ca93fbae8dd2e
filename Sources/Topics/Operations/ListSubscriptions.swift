import ServiceCalls

/// Lists the caller's subscriptions in the region, 100 at a time.
public enum ListSubscriptions: SNSOperation {
    public static let name = "ListSubscriptions"

    public static func perform(_ input: ListSubscriptionsInput, context: CallContext,
                               service sns: TopicService) async throws -> ListSubscriptionsResponse {
        let (page, token) = try sns.listSubscriptions(nextToken: input.nextToken, context: context)
        return ListSubscriptionsResponse(subscriptions: page.map(Subscription.init), nextToken: token)
    }
}

extension Subscription {
    /// A subscription as the list operations answer it.
    init(_ subscription: TopicSubscription) {
        self.init(subscriptionArn: TopicService.listedARN(of: subscription), owner: subscription.owner.rawValue,
                  protocol: subscription.deliveryProtocol.rawValue, endpoint: Self.listed(subscription.endpoint),
                  topicArn: subscription.topicARN)
    }

    /// An HTTP/S endpoint without the credentials its URL may carry: "HTTPS URLs are only
    /// retrievable from the Amazon SNS GetSubscriptionAttributes API action".
    static func listed(_ endpoint: String) -> String {
        guard let scheme = endpoint.range(of: "://"), let at = endpoint[scheme.upperBound...].firstIndex(of: "@"),
              !endpoint[scheme.upperBound..<at].contains("/") else { return endpoint }
        return String(endpoint[..<scheme.upperBound]) + String(endpoint[endpoint.index(after: at)...])
    }
}
