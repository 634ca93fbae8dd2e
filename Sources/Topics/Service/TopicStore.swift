import Foundation

/// A durable change to the topics, applied to storage first and to memory once storage has it.
public enum TopicChange: Sendable {
    /// Creates a topic or replaces its record (attributes, tags, data protection policy).
    case put(SNSTopic)
    /// Deletes a topic and its subscriptions.
    case delete(SNSTopic)
    /// Creates a subscription or replaces its record (attributes, confirmation).
    case putSubscription(TopicSubscription)
    /// Deletes a subscription.
    case deleteSubscription(TopicSubscription)
    /// Keeps an unsubscribed HTTP/S subscription restorable with `token` until `until` (its
    /// UnsubscribeConfirmation's SubscribeURL).
    case putRestorable(TopicSubscription, token: String, until: Date)
    case removeRestorable(token: String)
    /// Replaces an account's SMS settings in a region.
    case putSMSSettings(SMSScope, SMSSettings)
    /// Creates or replaces a platform application.
    case putApplication(MobileApplication)
    /// Deletes a platform application and its endpoints.
    case deleteApplication(arn: String)
    /// Creates or replaces a platform endpoint.
    case putEndpoint(MobileEndpoint)
    case deleteEndpoint(arn: String)
}

/// A FIFO topic's deduplication id and what the first Publish that carried it answered, kept
/// for "the 5-minute deduplication interval" (Amazon SNS Developer Guide, message deduplication).
public struct TopicDeduplication: Sendable, Equatable {
    public var topicID: Int64
    public var deduplicationID: String
    public var messageID: String
    public var sequenceNumber: String?
    /// When the interval ends.
    public var until: Date

    public init(topicID: Int64, deduplicationID: String, messageID: String, sequenceNumber: String?, until: Date) {
        self.topicID = topicID
        self.deduplicationID = deduplicationID
        self.messageID = messageID
        self.sequenceNumber = sequenceNumber
        self.until = until
    }

    /// The interval a deduplication id lasts.
    public static let interval: TimeInterval = 300
}

/// Everything the topic service keeps, as loaded at start.
public struct TopicSnapshot: Sendable {
    public var topics: [SNSTopic]
    public var subscriptions: [TopicSubscription]
    public var smsSettings: [SMSScope: SMSSettings]
    public var applications: [MobileApplication]
    public var endpoints: [MobileEndpoint]
    /// Unsubscribed HTTP/S subscriptions that may still be restored, by token.
    public var restorable: [String: RestorableSubscription] = [:]
    /// FIFO topics' deduplication ids, expired or not.
    public var deduplications: [TopicDeduplication] = []

    public init(topics: [SNSTopic] = [], subscriptions: [TopicSubscription] = [], smsSettings: [SMSScope: SMSSettings] = [:],
                applications: [MobileApplication] = [], endpoints: [MobileEndpoint] = []) {
        self.topics = topics
        self.subscriptions = subscriptions
        self.smsSettings = smsSettings
        self.applications = applications
        self.endpoints = endpoints
    }
}

/// Durable storage for topics, implemented by the `Storage` module for each SQL engine.
///
/// Topics are rows any engine can share, each under an id that is never reused
/// (``SNSTopic/id``).
///
/// - Important: `apply` must not return before the change is durable: an acknowledged
///   CreateTopic or DeleteTopic survives `kill -9`.
public protocol TopicStore: Sendable {
    func load() async throws -> TopicSnapshot
    /// Applies changes atomically: all of them or none.
    func apply(_ changes: [TopicChange]) async throws
    /// A new topic id, never handed out before.
    func nextTopicID() async throws -> Int64
    /// Remembers a FIFO topic's deduplication id until it expires, and forgets those expired by
    /// then. Publishes call it concurrently, outside the registry's one-at-a-time writes.
    func remember(_ deduplication: TopicDeduplication) async throws
}

/// An unsubscribed subscription its UnsubscribeConfirmation's link can restore until `until`.
public struct RestorableSubscription: Sendable, Equatable {
    public var subscription: TopicSubscription
    public var until: Date

    public init(subscription: TopicSubscription, until: Date) {
        self.subscription = subscription
        self.until = until
    }
}
