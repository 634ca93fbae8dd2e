import Foundation
import Synchronization

/// Values that hold until a moment, by key: the data keys SQS and SNS reuse for a period, a FIFO
/// topic's deduplication ids. Expired entries are swept when the cache has doubled since the last
/// sweep (and holds at least ``sweepThreshold``), so a sweep's cost is spread over the insertions
/// before it.
public final class ExpiringCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var value: Value
        var expiresAt: Date
    }

    private struct State: Sendable {
        var entries: [Key: Entry] = [:]
        var sweepAt = ExpiringCache.sweepThreshold
    }

    private let state = Mutex(State())
    /// The fewest entries at which a sweep happens.
    public static var sweepThreshold: Int { 4_096 }

    public init() {}

    /// The value for `key` if it has not expired at `now`.
    public func value(for key: Key, at now: Date) -> Value? {
        state.withLock { state in state.entries[key].flatMap { $0.expiresAt > now ? $0.value : nil } }
    }

    public func insert(_ value: Value, for key: Key, until expiresAt: Date, now: Date) {
        state.withLock { state in
            if state.entries.count >= state.sweepAt {
                state.entries = state.entries.filter { $0.value.expiresAt > now }
                state.sweepAt = max(Self.sweepThreshold, 2 * state.entries.count)
            }
            state.entries[key] = Entry(value: value, expiresAt: expiresAt)
        }
    }

    /// How many entries are held, expired ones not yet swept included.
    public var count: Int { state.withLock { $0.entries.count } }
}
