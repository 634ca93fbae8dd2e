import AccessPolicy
import Identity

/// The topics held in memory: what every call reads, without touching a database.
struct TopicRegistryState: Sendable {
    var topics: [TopicAddress: SNSTopic] = [:]
    /// Each topic's policy, compiled when the topic is stored, so a decision parses nothing.
    var compiledPolicies: [Int64: CompiledPolicy] = [:]
    /// Subscriptions by ARN.
    var subscriptions: [String: TopicSubscription] = [:]
    /// Each topic's subscriptions, by ARN: what a publish fans out to.
    var subscriptionsByTopic: [Int64: [String: TopicSubscription]] = [:]
    /// SMS settings by account and region.
    var smsSettings: [SMSScope: SMSSettings] = [:]
    /// Platform applications and endpoints by ARN.
    var applications: [String: MobileApplication] = [:]
    var endpoints: [String: MobileEndpoint] = [:]
    /// Unsubscribed HTTP/S subscriptions still restorable, by token.
    var restorable: [String: RestorableSubscription] = [:]

    mutating func apply(_ change: TopicChange) {
        switch change {
        case .put(let topic):
            let previous = topics.updateValue(topic, forKey: topic.address)
            if previous?.configuration.policy != topic.configuration.policy || previous == nil {
                // Stored policies were validated when written.
                compiledPolicies[topic.id] = topic.configuration.policy
                    .flatMap { try? PolicyDocument(json: $0, kind: .resourceBased) }.map { CompiledPolicy($0) }
            }
        case .delete(let topic):
            topics[topic.address] = nil
            compiledPolicies[topic.id] = nil
            for arn in (subscriptionsByTopic.removeValue(forKey: topic.id) ?? [:]).keys { subscriptions[arn] = nil }
            restorable = restorable.filter { $0.value.subscription.topicID != topic.id }
        case .putSubscription(let subscription):
            subscriptions[subscription.arn] = subscription
            subscriptionsByTopic[subscription.topicID, default: [:]][subscription.arn] = subscription
        case .deleteSubscription(let subscription):
            subscriptions[subscription.arn] = nil
            subscriptionsByTopic[subscription.topicID]?[subscription.arn] = nil
        case .putSMSSettings(let scope, let settings):
            smsSettings[scope] = settings
        case .putApplication(let application):
            applications[application.arn] = application
        case .deleteApplication(let arn):
            applications[arn] = nil
            endpoints = endpoints.filter { $0.value.applicationARN != arn }
        case .putEndpoint(let endpoint):
            endpoints[endpoint.arn] = endpoint
        case .deleteEndpoint(let arn):
            endpoints[arn] = nil
        case .putRestorable(let subscription, let token, let until):
            restorable[token] = RestorableSubscription(subscription: subscription, until: until)
        case .removeRestorable(let token):
            restorable[token] = nil
        }
    }
}

/// The topics shared by every call, over the topic store.
typealias TopicRegistry = DurableState<TopicRegistryState>

extension TopicRegistryState: DurableStateValue {}

extension DurableState where Value == TopicRegistryState {
    /// The registry as loaded at start.
    convenience init(store: any TopicStore, snapshot: TopicSnapshot) {
        var initial = TopicRegistryState()
        for topic in snapshot.topics { initial.apply(.put(topic)) }
        for subscription in snapshot.subscriptions { initial.apply(.putSubscription(subscription)) }
        initial.smsSettings = snapshot.smsSettings
        for application in snapshot.applications { initial.applications[application.arn] = application }
        for endpoint in snapshot.endpoints { initial.endpoints[endpoint.arn] = endpoint }
        initial.restorable = snapshot.restorable
        self.init(initial) { changes in try await store.apply(changes) }
    }
}
