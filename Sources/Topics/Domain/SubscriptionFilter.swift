import FilterPolicies
import Foundation

/// A subscription's filter policy, compiled: which messages reach the subscription. "By default,
/// an Amazon SNS topic subscriber receives every message that's published to the topic. To
/// receive a subset of the messages, a subscriber must assign a filter policy to the topic
/// subscription." The policy applies to the message attributes or, with `FilterPolicyScope`
/// `MessageBody`, to the message itself.
struct SubscriptionFilter: Sendable {
    let policy: FilterPolicy
    let scope: FilterPolicyScope

    /// The policy, checked as SNS checks it: "Invalid parameter: <why>" otherwise.
    init(policy text: String, scope: String) throws(SNSError) {
        self.scope = FilterPolicyScope(rawValue: scope) ?? .messageAttributes
        do {
            policy = try FilterPolicy(json: text, scope: self.scope)
        } catch {
            throw SNSError.invalidParameter(error.message)
        }
    }

    func matches(_ message: PublishedMessage) -> Bool {
        switch scope {
        case .messageBody:
            return policy.matches(body: message.message)
        case .messageAttributes:
            return policy.matches(attributes: message.attributes.mapValues { value in
                FilterAttribute(dataType: value.dataType, stringValue: value.stringValue)
            })
        }
    }
}

extension TopicService {
    /// The subscription's compiled filter policy; nil when it has none.
    func filter(of subscription: TopicSubscription) throws(SNSError) -> SubscriptionFilter? {
        guard let text = subscription.attributes["FilterPolicy"] else { return nil }
        let scope = subscription.attributes["FilterPolicyScope"] ?? "MessageAttributes"
        let key = scope + "\n" + text
        if let compiled = filters.withLock({ $0[key] }) { return compiled }
        let compiled = try SubscriptionFilter(policy: text, scope: scope)
        filters.withLock { filters in
            if filters.count >= 10_000 { filters.removeAll() }
            filters[key] = compiled
        }
        return compiled
    }
}
