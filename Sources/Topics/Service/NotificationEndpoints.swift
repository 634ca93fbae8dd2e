import Crypto
import Foundation

/// A message SNS posts to an HTTP/S endpoint, durable until it is delivered or given up:
/// "Amazon SNS … retries according to the delivery policy"; a delivery the endpoint still refuses
/// then goes to the subscription's dead-letter queue when it has one.
public struct OutboundDelivery: Sendable, Equatable {
    /// Set by the outbox when the delivery is stored.
    public var id: Int64
    public var subscriptionARN: String
    public var topicARN: String
    public var endpoint: String
    /// `Notification`, `SubscriptionConfirmation` or `UnsubscribeConfirmation`: the
    /// `x-amz-sns-message-type` header.
    public var messageType: String
    public var messageID: String
    public var contentType: String
    /// Raw message delivery: the body is the message itself (`x-amz-sns-rawdelivery: true`).
    public var raw: Bool
    /// The body as stored: sealed (``NotificationPayload``) when the topic is encrypted.
    public var payload: [UInt8]
    /// Retries made so far.
    public var attempts: Int
    public var dueAt: Date

    public init(id: Int64 = 0, subscriptionARN: String, topicARN: String, endpoint: String, messageType: String, messageID: String,
                contentType: String, raw: Bool, payload: [UInt8], attempts: Int = 0, dueAt: Date) {
        self.id = id
        self.subscriptionARN = subscriptionARN
        self.topicARN = topicARN
        self.endpoint = endpoint
        self.messageType = messageType
        self.messageID = messageID
        self.contentType = contentType
        self.raw = raw
        self.payload = payload
        self.attempts = attempts
        self.dueAt = dueAt
    }
}

/// Durable storage of outbound deliveries, implemented by the `Storage` module.
///
/// - Important: `enqueue` must not return before the deliveries are durable: a Publish that was
///   answered is delivered even if Arca is killed right after.
public protocol DeliveryOutbox: Sendable {
    func enqueue(_ deliveries: [OutboundDelivery]) async throws
    /// Up to `limit` deliveries due at `now`, oldest first.
    func due(at now: Date, limit: Int) async throws -> [OutboundDelivery]
    /// The delivery is done: delivered, or given up.
    func remove(id: Int64) async throws
    /// The delivery is retried at `dueAt`, after `attempts` retries.
    func reschedule(id: Int64, attempts: Int, dueAt: Date) async throws
}

/// Where HTTP/S notifications go: the server's HTTP client, or a test's recorder.
public protocol NotificationEndpoints: Sendable {
    /// POSTs `body` with `headers` to `url`; answers the HTTP status, or throws when the endpoint
    /// cannot be reached.
    func post(_ body: [UInt8], headers: [(String, String)], to url: String) async throws -> Int
}

/// Where and how a topic service delivers: queues in-process, HTTP/S endpoints through a durable
/// outbox, email and SMS to the local inbox, and the key outbox payloads' data keys are wrapped
/// under.
public struct NotificationDelivery: Sendable {
    public var queues: (any NotificationQueues)?
    public var outbox: (any DeliveryOutbox)?
    public var endpoints: (any NotificationEndpoints)?
    /// Where email, email-json and sms deliveries are kept.
    public var inbox: (any LocalInbox)?
    /// SNS's own key, derived from the root key: wraps the data keys of sealed outbox payloads.
    public var wrappingKey: SymmetricKey
    /// Where subscribers reach Arca, `http://arca.example:4566`: the base of `SigningCertURL`,
    /// `SubscribeURL` and `UnsubscribeURL`. Without it, the host the publisher or subscriber reached.
    public var publicURL: String?

    public init(queues: (any NotificationQueues)? = nil, outbox: (any DeliveryOutbox)? = nil,
                endpoints: (any NotificationEndpoints)? = nil, inbox: (any LocalInbox)? = nil, wrappingKey: SymmetricKey,
                publicURL: String? = nil) {
        self.publicURL = publicURL
        self.queues = queues
        self.inbox = inbox
        self.outbox = outbox
        self.endpoints = endpoints
        self.wrappingKey = wrappingKey
    }
}

extension NotificationDelivery {
    /// The base of the links SNS sends: the configured public URL, else the host the caller
    /// reached, else AWS's regional endpoint for a call made inside Arca.
    func linkBase(host: String?, region: String) -> String {
        publicURL ?? "http://\(host ?? "sns.\(region).amazonaws.com")"
    }
}
