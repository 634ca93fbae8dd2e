import Foundation
import Synchronization

/// Values that hold until a moment, by key: the data keys SQS and SNS reuse for a period.
/// Expired entries are swept when the cache grows past ``sweepThreshold``.
public final class ExpiringCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var value: Value
        var expiresAt: Date
    }

    private let entries = Mutex<[Key: Entry]>([:])
    /// Entries beyond which expired ones are swept on the next insertion.
    public static var sweepThreshold: Int { 4_096 }

    public init() {}

    /// The value for `key` if it has not expired at `now`.
    public func value(for key: Key, at now: Date) -> Value? {
        entries.withLock { entries in entries[key].flatMap { $0.expiresAt > now ? $0.value : nil } }
    }

    public func insert(_ value: Value, for key: Key, until expiresAt: Date, now: Date) {
        entries.withLock { entries in
            if entries.count >= Self.sweepThreshold { entries = entries.filter { $0.value.expiresAt > now } }
            entries[key] = Entry(value: value, expiresAt: expiresAt)
        }
    }
}
