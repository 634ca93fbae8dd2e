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
        var lastID: Int64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    public func load() async throws -> TopicSnapshot {
        state.withLock {
            TopicSnapshot(topics: $0.topics.values.sorted { $0.id < $1.id },
                          subscriptions: $0.subscriptions.values.sorted { $0.arn < $1.arn })
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
                case .putSubscription(let subscription): state.subscriptions[subscription.arn] = subscription
                case .deleteSubscription(let subscription): state.subscriptions[subscription.arn] = nil
                }
            }
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
    public func service(queues: (any NotificationQueues)? = nil, kms: (any TopicKMS)? = nil) async throws -> TopicService {
        let clock = clock
        let random = random
        return try await TopicService(store: topics, signer: Self.signer, queues: queues, keyring: TopicKeyring(kms: kms),
                                      now: { clock.now }, randomBytes: { random.bytes($0) })
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
