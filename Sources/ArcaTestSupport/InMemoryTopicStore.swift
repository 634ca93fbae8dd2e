import Foundation
import Synchronization
import Topics

/// A ``TopicStore`` that keeps topics in memory, for domain tests. It keeps the promise the SQL
/// store keeps: ids are never handed out twice.
public final class InMemoryTopicStore: TopicStore {
    private struct State {
        var topics: [Int64: SNSTopic] = [:]
        var lastID: Int64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    public func load() async throws -> TopicSnapshot {
        state.withLock { TopicSnapshot(topics: $0.topics.values.sorted { $0.id < $1.id }) }
    }

    public func apply(_ changes: [TopicChange]) async throws {
        state.withLock { state in
            for change in changes {
                switch change {
                case .put(let topic): state.topics[topic.id] = topic
                case .delete(let topic): state.topics[topic.id] = nil
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

    public func service() async throws -> TopicService {
        let clock = clock
        let random = random
        return try await TopicService(store: topics, now: { clock.now }, randomBytes: { random.bytes($0) })
    }
}
