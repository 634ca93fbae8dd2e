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
        /// Every ticket up to this one has been decided: synced, or failed with a sync.
        var decided: UInt64 = 0
        /// The tickets whose sync failed, and why. A later sync that succeeds does not make them
        /// durable: after a failed `fsync` the kernel may have dropped their pages.
        var failures: [(tickets: ClosedRange<UInt64>, error: any Error)] = []
        var syncing = false
        var waiters: [(ticket: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []

        /// Whether `ticket` is synced (nil), failed (its error), or not decided yet.
        func outcome(of ticket: UInt64) -> Result<Void, any Error>? {
            guard ticket <= decided else { return nil }
            if let failure = failures.first(where: { $0.tickets.contains(ticket) }) { return .failure(failure.error) }
            return .success(())
        }
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
            let outcome = state.withLock { state -> Result<Void, any Error>? in
                if let outcome = state.outcome(of: ticket) { return outcome }
                state.waiters.append((ticket, continuation))
                return nil
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }

    private func syncUntilCaughtUp() async {
        while true {
            let target = state.withLock { $0.requested }
            var failure: (any Error)?
            do { try await sync() } catch { failure = error }
            let (released, more) = state.withLock { state in
                // A failed sync fails the commits it was to cover, also those whose waiters have
                // not arrived yet; later ones get a sync of their own.
                if let failure, target > state.decided {
                    state.failures.append(((state.decided + 1)...target, failure))
                }
                state.decided = target
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
