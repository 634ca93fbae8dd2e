import Foundation
import Queues
import Synchronization

/// A ``QueueStore`` that keeps queues in memory, for domain tests. It keeps the promises the SQL
/// store keeps: ids are never handed out twice, a deletion is remembered with its date.
public final class InMemoryQueueStore: QueueStore {
    private struct State {
        var queues: [Int64: Queue] = [:]
        var deletions: [QueueAddress: Date] = [:]
        var moveTasks: [String: MessageMoveTask] = [:]
        var lastID: Int64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    public func load(deletedSince: Date) async throws -> QueueSnapshot {
        state.withLock { state in
            QueueSnapshot(queues: state.queues.values.sorted { $0.id < $1.id },
                          deletions: state.deletions.filter { $0.value >= deletedSince },
                          moveTasks: state.moveTasks.values.sorted { $0.startedAt < $1.startedAt })
        }
    }

    public func apply(_ changes: [QueueChange]) async throws {
        state.withLock { state in
            for change in changes { Self.apply(change, to: &state) }
        }
    }

    private static func apply(_ change: QueueChange, to state: inout State) {
        switch change {
        case .put(let queue):
            state.queues[queue.id] = queue
            state.deletions[queue.address] = nil
        case .delete(let queue, let date):
            state.queues[queue.id] = nil
            state.deletions[queue.address] = date
        case .putMoveTask(let task):
            state.moveTasks[task.id] = task
        }
    }

    public func nextQueueID() async throws -> Int64 {
        state.withLock { state in
            state.lastID += 1
            return state.lastID
        }
    }
}
