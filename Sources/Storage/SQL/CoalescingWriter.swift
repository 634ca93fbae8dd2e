import Synchronization

/// Group commit of whole writes: concurrent requests of one kind (messages to store, messages to
/// delete) are written by one transaction, in statements that each cover many requests.
///
/// A store's statements cost little next to the trip each takes to SQLite's thread and back; one
/// transaction per request queues every writer behind the others' trips. Here the first request
/// to arrive writes everything waiting, and whatever arrives meanwhile waits for the next round.
/// If a round fails, each of its requests is written again on its own, so one request's failure
/// (a constraint, a damaged value) is its own and never another's.
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
    /// The most requests one round writes: bounds a transaction's size and a statement's binds.
    let maximumBatch: Int

    /// `write` answers its requests in order, all or none, in one transaction.
    init(maximumBatch: Int = 256, write: @escaping Write) {
        self.maximumBatch = maximumBatch
        self.write = write
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
            do {
                let answers = try await write(round.map(\.request))
                guard answers.count == round.count else {
                    throw StorageError("a coalesced write answered \(answers.count) of \(round.count) requests")
                }
                for (pending, answer) in zip(round, answers) { pending.continuation.resume(returning: answer) }
            } catch where round.count > 1 {
                for pending in round {
                    do {
                        let answer = try await write([pending.request])
                        pending.continuation.resume(returning: answer[0])
                    } catch {
                        pending.continuation.resume(throwing: error)
                    }
                }
            } catch {
                round[0].continuation.resume(throwing: error)
            }
        }
    }
}
