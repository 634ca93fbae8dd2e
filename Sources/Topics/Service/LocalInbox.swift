import Foundation

/// A message SNS delivered to an endpoint Arca cannot reach for real — an email address, a phone
/// number — kept where a user and a test can read it (`GET /_arca/sns/messages`), as it would have
/// arrived.
public struct InboxMessage: Sendable, Equatable {
    public var deliveryProtocol: String
    public var endpoint: String
    public var topicARN: String?
    public var subscriptionARN: String?
    /// `Notification` or `SubscriptionConfirmation`.
    public var messageType: String
    public var messageID: String
    public var subject: String?
    /// What the endpoint receives: the message text (email, sms) or the JSON document (email-json,
    /// and every confirmation).
    public var body: String
    public var timestamp: Date

    public init(deliveryProtocol: String, endpoint: String, topicARN: String?, subscriptionARN: String?, messageType: String,
                messageID: String, subject: String?, body: String, timestamp: Date) {
        self.deliveryProtocol = deliveryProtocol
        self.endpoint = endpoint
        self.topicARN = topicARN
        self.subscriptionARN = subscriptionARN
        self.messageType = messageType
        self.messageID = messageID
        self.subject = subject
        self.body = body
        self.timestamp = timestamp
    }
}

/// Durable storage of the local inbox, implemented by the `Storage` module; bodies are stored
/// sealed, never in plaintext.
///
/// - Important: `deliver` must not return before the messages are durable.
public protocol LocalInbox: Sendable {
    func deliver(_ messages: [InboxMessage]) async throws
    /// The messages delivered to `endpoint` (all endpoints when nil), oldest first.
    func messages(endpoint: String?) async throws -> [InboxMessage]
    /// Forgets the messages of `endpoint` (all when nil).
    func clear(endpoint: String?) async throws
}
