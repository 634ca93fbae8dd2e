import Synchronization

/// State a domain holds in memory and changes only through changes it has made durable.
public protocol DurableStateValue: Sendable {
    associatedtype Change: Sendable
    /// Applies a change storage already has.
    mutating func apply(_ change: Change)
}

/// A domain's state in memory over its durable store (the KMS key ring, the SQS queue registry):
/// readers take a short lock and never touch storage; writers go one at a time through
/// ``write(_:)``, so storage always has a change before any reader sees it.
public final class DurableState<Value: DurableStateValue>: Sendable {
    @usableFromInline let state: Mutex<Value>
    private let writeLock = AsyncSerialLock()
    private let persist: @Sendable ([Value.Change]) async throws -> Void

    /// `persist` makes changes durable, all or none, before it returns.
    public init(_ initial: sending Value, persist: @escaping @Sendable ([Value.Change]) async throws -> Void) {
        state = Mutex(initial)
        self.persist = persist
    }

    @inlinable
    public func read<T: Sendable, E: Error>(_ body: (borrowing Value) throws(E) -> T) throws(E) -> T {
        try state.withLock { (state: inout Value) throws(E) -> T in try body(state) }
    }

    /// Runs one read-decide-write step at a time: `decide` sees the current state and returns the
    /// changes to make; they are made durable, then published to readers.
    public func write<T: Sendable, E: Error>(_ decide: (Value) throws(E) -> (T, [Value.Change])) async throws -> T {
        try await writeLock.run {
            let current = state.withLock { $0 }
            let (result, changes) = try decide(current)
            if !changes.isEmpty {
                try await persist(changes)
                state.withLock { state in
                    for change in changes { state.apply(change) }
                }
            }
            return result
        }
    }
}
