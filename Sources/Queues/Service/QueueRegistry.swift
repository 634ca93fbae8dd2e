import AccessPolicy
import Foundation
import Identity

/// The queues held in memory: what every call reads, without touching a database.
struct QueueRegistryState: Sendable {
    var queues: [QueueAddress: Queue] = [:]
    /// Each queue's policy, compiled when the queue is stored, so a decision parses nothing.
    var compiledPolicies: [Int64: CompiledPolicy] = [:]
    /// When queues were deleted: "You must wait 60 seconds after deleting a queue before you can
    /// create another queue with the same name." (DeleteQueue)
    var deletions: [QueueAddress: Date] = [:]
    /// Message move tasks by id.
    var moveTasks: [String: MessageMoveTask] = [:]

    mutating func apply(_ change: QueueChange) {
        switch change {
        case .put(let queue):
            let previous = queues.updateValue(queue, forKey: queue.address)
            deletions[queue.address] = nil
            if previous?.configuration.policy != queue.configuration.policy || previous == nil {
                // Stored policies were validated when written.
                compiledPolicies[queue.id] = queue.configuration.policy
                    .flatMap { try? PolicyDocument(json: $0, kind: .resourceBased) }.map { CompiledPolicy($0) }
            }
        case .delete(let queue, let date):
            queues[queue.address] = nil
            compiledPolicies[queue.id] = nil
            deletions[queue.address] = date
        case .putMoveTask(let task):
            moveTasks[task.id] = task
        }
    }
}

/// The queues shared by every call, over the queue store.
typealias QueueRegistry = DurableState<QueueRegistryState>

extension QueueRegistryState: DurableStateValue {}

extension DurableState where Value == QueueRegistryState {
    /// The registry as loaded at start.
    convenience init(store: any QueueStore, snapshot: QueueSnapshot) {
        var initial = QueueRegistryState()
        for queue in snapshot.queues { initial.apply(.put(queue)) }
        initial.deletions = snapshot.deletions
        for task in snapshot.moveTasks { initial.moveTasks[task.id] = task }
        self.init(initial) { changes in try await store.apply(changes) }
    }
}
