import Synchronization

/// Makes records durable for many concurrent callers with few store writes: group commit.
///
/// Callers queue while a write is running; when it ends, the oldest waiting caller becomes the
/// writer and appends its own records together with everything that queued meanwhile, in one
/// store append (one transaction, one fsync), then wakes every caller of that batch and hands
/// the writer's turn to the next caller waiting. There is never more than one writer, and no task
/// of its own: the writer is always a caller that needs its records durable anyway (the shape of
/// LevelDB's write queue, `DBImpl::Write`).
///
/// A failed append fails every caller of its batch and nobody else; the next batch is tried
/// afresh. A caller is resumed only once its batch's append has returned.
final class AuditGroupCommit: Sendable {
    /// What a waiting caller is woken with.
    private enum Turn: Sendable {
        case durable
        case failed(any Error)
        /// The caller is the writer now: its records are not in any batch yet.
        case write
    }

    private struct Waiter {
        var records: [AuditRecord]
        var continuation: CheckedContinuation<Turn, Never>
    }

    private struct State {
        var writing = false
        var waiting: [Waiter] = []
    }

    private let state = Mutex(State())
    private let append: @Sendable ([AuditRecord]) async throws -> Void

    /// `append` must return only once its records are durable.
    init(append: @escaping @Sendable ([AuditRecord]) async throws -> Void) {
        self.append = append
    }

    /// How many callers wait for a batch (for tests and metrics).
    var waitingCount: Int { state.withLock { $0.waiting.count } }

    /// Returns once `records` are durable; throws the store's error if their batch failed.
    func commit(_ records: [AuditRecord]) async throws {
        guard !records.isEmpty else { return }
        let turn: Turn = await withCheckedContinuation { continuation in
            let writes = state.withLock { state in
                if state.writing {
                    state.waiting.append(Waiter(records: records, continuation: continuation))
                    return false
                }
                state.writing = true
                return true
            }
            if writes { continuation.resume(returning: .write) }
        }
        switch turn {
        case .durable: return
        case .failed(let error): throw error
        case .write: try await write(records)
        }
    }

    /// Appends `own` with every queued caller's records, wakes those callers, and passes the
    /// writer's turn on.
    private func write(_ own: [AuditRecord]) async throws {
        let batch = state.withLock { state in
            defer { state.waiting.removeAll(keepingCapacity: true) }
            return state.waiting
        }
        let outcome: Turn
        do {
            // The batch is other callers' too, so the writer's cancellation (its client went away)
            // must not fail it, nor stop the store halfway through a transaction: the append runs
            // in a task of its own, which does not inherit cancellation, and is awaited.
            let records = own + batch.flatMap(\.records)
            try await Task { [append] in try await append(records) }.value
            outcome = .durable
        } catch {
            outcome = .failed(error)
        }
        for waiter in batch { waiter.continuation.resume(returning: outcome) }
        let next = state.withLock { state -> Waiter? in
            guard !state.waiting.isEmpty else {
                state.writing = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.continuation.resume(returning: .write)
        if case .failed(let error) = outcome { throw error }
    }
}
