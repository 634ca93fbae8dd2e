import Synchronization

/// Group commit: one disk sync for every commit made before it started.
///
/// Transactions commit to the write-ahead log without a sync, one after another, and a writer
/// whose commit must survive power loss then asks for a sync. While one sync runs, commits keep
/// landing; the next sync covers all of them at once, so concurrent writers (senders of messages,
/// KMS calls) share a sync instead of queueing behind one each.
///
/// `sync` is what makes everything committed before it durable: `fsync` of the log file.
final class GroupSync: Sendable {
    private struct State {
        /// Tickets handed out: one per commit waiting to be synced.
        var requested: UInt64 = 0
        /// Every ticket up to this one is synced.
        var completed: UInt64 = 0
        var syncing = false
        var waiters: [(ticket: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    }

    private let state = Mutex(State())
    private let sync: @Sendable () async throws -> Void

    init(sync: @escaping @Sendable () async throws -> Void) {
        self.sync = sync
    }

    /// Commits that have asked for a sync, since the start.
    var requested: UInt64 { state.withLock { $0.requested } }

    /// Returns once everything committed before the call is on stable storage.
    func waitForSync() async throws {
        let (ticket, leads) = state.withLock { state in
            state.requested += 1
            let leads = !state.syncing
            state.syncing = true
            return (state.requested, leads)
        }
        if leads {
            // The leader syncs for everyone who arrives while it works, until nobody waits.
            Task { await self.syncUntilCaughtUp() }
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let done = state.withLock { state -> Bool in
                if state.completed >= ticket { return true }
                state.waiters.append((ticket, continuation))
                return false
            }
            if done { continuation.resume() }
        }
    }

    private func syncUntilCaughtUp() async {
        while true {
            let target = state.withLock { $0.requested }
            var failure: (any Error)?
            do { try await sync() } catch { failure = error }
            let (released, more) = state.withLock { state in
                // A failed sync fails the commits it was to cover; later ones get a sync of their own.
                state.completed = target
                let released = state.waiters.filter { $0.ticket <= target }
                state.waiters.removeAll { $0.ticket <= target }
                let more = state.requested > target
                if !more { state.syncing = false }
                return (released, more)
            }
            for waiter in released {
                if let failure { waiter.continuation.resume(throwing: failure) } else { waiter.continuation.resume() }
            }
            if !more { return }
        }
    }
}
