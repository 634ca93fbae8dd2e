import Crypto
import Foundation
import NotificationSigning
import ServiceCalls
import Synchronization
import Topics

/// A ``TopicStore`` that keeps topics in memory, for domain tests. It keeps the promise the SQL
/// store keeps: ids are never handed out twice.
public final class InMemoryTopicStore: TopicStore {
    private struct State {
        var topics: [Int64: SNSTopic] = [:]
        var subscriptions: [String: TopicSubscription] = [:]
        var smsSettings: [SMSScope: SMSSettings] = [:]
        var applications: [String: MobileApplication] = [:]
        var endpoints: [String: MobileEndpoint] = [:]
        var restorable: [String: RestorableSubscription] = [:]
        var deduplications: [String: TopicDeduplication] = [:]
        var lastID: Int64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    public func load() async throws -> TopicSnapshot {
        state.withLock {
            var snapshot = TopicSnapshot(topics: $0.topics.values.sorted { $0.id < $1.id },
                                         subscriptions: $0.subscriptions.values.sorted { $0.arn < $1.arn }, smsSettings: $0.smsSettings,
                                         applications: Array($0.applications.values), endpoints: Array($0.endpoints.values))
            snapshot.restorable = $0.restorable
            snapshot.deduplications = $0.deduplications.values.sorted { $0.deduplicationID < $1.deduplicationID }
            return snapshot
        }
    }

    public func apply(_ changes: [TopicChange]) async throws {
        state.withLock { state in
            for change in changes {
                switch change {
                case .put(let topic): state.topics[topic.id] = topic
                case .delete(let topic):
                    state.topics[topic.id] = nil
                    state.subscriptions = state.subscriptions.filter { $0.value.topicID != topic.id }
                    state.restorable = state.restorable.filter { $0.value.subscription.topicID != topic.id }
                    state.deduplications = state.deduplications.filter { $0.value.topicID != topic.id }
                case .putSubscription(let subscription): state.subscriptions[subscription.arn] = subscription
                case .deleteSubscription(let subscription): state.subscriptions[subscription.arn] = nil
                case .putSMSSettings(let scope, let settings): state.smsSettings[scope] = settings
                case .putApplication(let application): state.applications[application.arn] = application
                case .deleteApplication(let arn):
                    state.applications[arn] = nil
                    state.endpoints = state.endpoints.filter { $0.value.applicationARN != arn }
                case .putEndpoint(let endpoint): state.endpoints[endpoint.arn] = endpoint
                case .deleteEndpoint(let arn): state.endpoints[arn] = nil
                case .putRestorable(let subscription, let token, let until):
                    state.restorable[token] = RestorableSubscription(subscription: subscription, until: until)
                case .removeRestorable(let token): state.restorable[token] = nil
                }
            }
        }
    }

    public func remember(_ entry: TopicDeduplication) async throws {
        state.withLock { state in
            let began = entry.until.addingTimeInterval(-TopicDeduplication.interval)
            state.deduplications = state.deduplications.filter { $0.value.until > began }
            state.deduplications["\(entry.topicID)/\(entry.deduplicationID)"] = entry
        }
    }

    public func nextTopicID() async throws -> Int64 {
        state.withLock { state in
            state.lastID += 1
            return state.lastID
        }
    }
}

/// The topic service over an in-memory store, a manual clock and seeded randomness: what the SNS
/// domain tests run against. A second ``service()`` over the same store is a restart.
public struct TopicTestHarness: Sendable {
    public let clock: ManualClock
    public let random: SeededRandom
    public let topics = InMemoryTopicStore()

    public init(clock: ManualClock = ManualClock(), seed: String = "topic-tests") {
        self.clock = clock
        random = SeededRandom(seed: seed)
    }

    /// `queues`: where deliveries to `sqs` subscriptions go.
    public let outbox = InMemoryDeliveryOutbox()
    public let inbox = InMemoryLocalInbox()
    /// SNS's own key in these tests: wraps the data keys of sealed outbox payloads.
    public let wrappingKey = SymmetricKey(data: SeededRandom(seed: "sns-outbox").bytes(32))

    /// `queues`: where deliveries to `sqs` subscriptions go; `endpoints`: where HTTP/S deliveries
    /// go, through ``outbox``.
    public func service(queues: (any NotificationQueues)? = nil, kms: (any TopicKMS)? = nil,
                        endpoints: (any NotificationEndpoints)? = nil) async throws -> TopicService {
        let clock = clock
        let random = random
        return try await TopicService(
            store: topics, signer: Self.signer,
            delivery: NotificationDelivery(queues: queues, outbox: outbox, endpoints: endpoints, inbox: inbox, wrappingKey: wrappingKey),
            keyring: TopicKeyring(kms: kms), now: { clock.now }, randomBytes: { random.bytes($0) })
    }

    /// One signing key for every test: an RSA key takes a while to generate.
    public static let signer: SNSNotificationSigner = {
        let random = SeededRandom(seed: "notification-signing")
        // swiftlint:disable:next force_try
        let key = try! NotificationSigningKey.generate(commonName: "sns.amazonaws.com", now: Date(timeIntervalSince1970: 1_800_000_000),
                                                       validFor: 86_400 * 365, randomBytes: { random.bytes($0) })
        return SNSNotificationSigner(key: key)
    }()
}

/// Deliveries into queues, recorded instead of sent: what each queue received, as whom, and
/// what was counted. A queue in `refusing` answers the error given for it.
public final class RecordingNotificationQueues: NotificationQueues {
    public struct Sent: Sendable {
        public var queueARN: String
        public var message: QueueBoundMessage
        public var context: CallContext
    }

    private let state = Mutex<(sent: [Sent], outcomes: [DeliveryOutcome])>(([], []))
    private let refusing: [String: any Error & Sendable]

    public init(refusing: [String: any Error & Sendable] = [:]) {
        self.refusing = refusing
    }

    public var sent: [Sent] { state.withLock { $0.sent } }
    public var outcomes: [DeliveryOutcome] { state.withLock { $0.outcomes } }

    public func send(_ message: QueueBoundMessage, toQueue queueARN: String, context: CallContext) async throws {
        if let error = refusing[queueARN] { throw error }
        state.withLock { $0.sent.append(Sent(queueARN: queueARN, message: message, context: context)) }
    }

    public func observe(topicARN: String, subscriptionARN: String, outcome: DeliveryOutcome) {
        state.withLock { $0.outcomes.append(outcome) }
    }
}

/// A ``DeliveryOutbox`` in memory, for domain tests; what it holds can be read, as the SQL one's
/// rows can.
public final class InMemoryDeliveryOutbox: DeliveryOutbox {
    private let state = Mutex<(deliveries: [Int64: OutboundDelivery], lastID: Int64)>(([:], 0))

    public init() {}

    /// Every delivery waiting, by id.
    public var waiting: [OutboundDelivery] { state.withLock { $0.deliveries.values.sorted { $0.id < $1.id } } }

    public func enqueue(_ deliveries: [OutboundDelivery]) async throws {
        state.withLock { state in
            for var delivery in deliveries {
                state.lastID += 1
                delivery.id = state.lastID
                state.deliveries[delivery.id] = delivery
            }
        }
    }

    public func due(at now: Date, limit: Int) async throws -> [OutboundDelivery] {
        state.withLock { state in
            Array(state.deliveries.values.filter { $0.dueAt <= now }.sorted { ($0.dueAt, $0.id) < ($1.dueAt, $1.id) }.prefix(limit))
        }
    }

    public func remove(id: Int64) async throws {
        state.withLock { _ = $0.deliveries.removeValue(forKey: id) }
    }

    public func reschedule(id: Int64, attempts: Int, dueAt: Date) async throws {
        state.withLock { state in
            state.deliveries[id]?.attempts = attempts
            state.deliveries[id]?.dueAt = dueAt
        }
    }
}

/// HTTP/S endpoints that record what they are sent and answer the statuses given, in turn (the
/// last one from then on); `nil` is an endpoint that cannot be reached.
public final class RecordingNotificationEndpoints: NotificationEndpoints {
    public struct Post: Sendable {
        public var url: String
        public var headers: [String: String]
        public var body: String
    }

    private let state: Mutex<(posts: [Post], answers: [Int?])>

    public init(answers: [Int?] = [200]) {
        state = Mutex(([], answers))
    }

    public var posts: [Post] { state.withLock { $0.posts } }

    public func post(_ body: [UInt8], headers: [(String, String)], to url: String) async throws -> Int {
        let answer = state.withLock { state in
            state.posts.append(Post(url: url, headers: Dictionary(headers, uniquingKeysWith: { _, last in last }),
                                    body: String(decoding: body, as: UTF8.self)))
            return state.answers.count > 1 ? state.answers.removeFirst() : state.answers.first ?? 200
        }
        guard let answer else { throw URLError(.cannotConnectToHost) }
        return answer
    }
}

/// A ``LocalInbox`` in memory, for domain tests.
public final class InMemoryLocalInbox: LocalInbox {
    private let state = Mutex<[InboxMessage]>([])

    public init() {}

    public func deliver(_ messages: [InboxMessage]) async throws {
        state.withLock { $0 += messages }
    }

    public func messages(endpoint: String?) async throws -> [InboxMessage] {
        state.withLock { all in all.filter { endpoint == nil || $0.endpoint == endpoint } }
    }

    public func clear(endpoint: String?) async throws {
        state.withLock { all in all.removeAll { endpoint == nil || $0.endpoint == endpoint } }
    }
}
