import Synchronization

/// Group commit of whole writes: concurrent requests of one kind (messages to store, messages to
/// delete) are written by one transaction, in statements that each cover many requests.
///
/// A store's statements cost little next to the trip each takes to SQLite's thread and back; one
/// transaction per request queues every writer behind the others' trips. Here the first request
/// to arrive writes everything waiting, and whatever arrives meanwhile waits for the next round.
/// If a round's transaction fails, each of its requests is written again on its own, so one
/// request's failure (a constraint, a damaged value) is its own and never another's. Once a round
/// has committed it is never written again: a failure to make it durable (`durable`) fails every
/// request of the round, which is committed and must not be stored twice.
final class CoalescingWriter<Request: Sendable, Answer: Sendable>: Sendable {
    typealias Write = @Sendable ([Request]) async throws -> [Answer]

    private struct Pending {
        var request: Request
        var continuation: CheckedContinuation<Answer, any Error>
    }

    private struct State {
        var pending: [Pending] = []
        var writing = false
    }

    private let state = Mutex(State())
    private let write: Write
    private let durable: @Sendable () async throws -> Void
    /// The most requests one round writes: bounds a transaction's size and a statement's binds.
    let maximumBatch: Int

    /// `write` answers its requests in order, all or none, in one transaction it commits without
    /// waiting for a disk sync; `durable` then waits for the sync that covers it.
    init(maximumBatch: Int = 256, write: @escaping Write, durable: @escaping @Sendable () async throws -> Void) {
        self.maximumBatch = maximumBatch
        self.write = write
        self.durable = durable
    }

    /// Requests waiting for a round.
    var waiting: Int { state.withLock { $0.pending.count } }

    func submit(_ request: Request) async throws -> Answer {
        try await withCheckedThrowingContinuation { continuation in
            let leads = state.withLock { state -> Bool in
                state.pending.append(Pending(request: request, continuation: continuation))
                guard !state.writing else { return false }
                state.writing = true
                return true
            }
            if leads { Task { await self.writeUntilDrained() } }
        }
    }

    private func writeUntilDrained() async {
        while true {
            let round = state.withLock { state -> [Pending] in
                let taken = Array(state.pending.prefix(maximumBatch))
                state.pending.removeFirst(taken.count)
                if taken.isEmpty { state.writing = false }
                return taken
            }
            if round.isEmpty { return }
            let answers: [Answer]
            do {
                answers = try await write(round.map(\.request))
            } catch where round.count > 1 {
                for pending in round { await writeAlone(pending) }
                continue
            } catch {
                round[0].continuation.resume(throwing: error)
                continue
            }
            // The next round is written while this one waits for its sync; the group sync then
            // covers both with one.
            Task { await self.finish(round, answers) }
        }
    }

    private func writeAlone(_ pending: Pending) async {
        let answers: [Answer]
        do {
            answers = try await write([pending.request])
        } catch {
            pending.continuation.resume(throwing: error)
            return
        }
        await finish([pending], answers)
    }

    /// Answers a committed round once it is durable, or fails all of it.
    private func finish(_ round: [Pending], _ answers: [Answer]) async {
        do {
            guard answers.count == round.count else {
                throw StorageError("a coalesced write answered \(answers.count) of \(round.count) requests")
            }
            try await durable()
        } catch {
            for pending in round { pending.continuation.resume(throwing: error) }
            return
        }
        for (pending, answer) in zip(round, answers) { pending.continuation.resume(returning: answer) }
    }
}
