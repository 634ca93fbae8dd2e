import Foundation

/// A durable change to the queues, applied to storage first and to memory once storage has it.
public enum QueueChange: Sendable {
    /// Creates a queue or replaces its record (attributes, tags, times).
    case put(Queue)
    /// Deletes a queue, remembering when: the name is not reusable for 60 seconds.
    case delete(Queue, at: Date)
    /// Creates or replaces a message move task.
    case putMoveTask(MessageMoveTask)
}

/// Everything the queue service keeps, as loaded at start.
public struct QueueSnapshot: Sendable {
    public var queues: [Queue]
    /// Queues deleted recently enough that their names are not yet reusable, with when.
    public var deletions: [QueueAddress: Date]
    /// Message move tasks of the last 14 days.
    public var moveTasks: [MessageMoveTask]

    public init(queues: [Queue] = [], deletions: [QueueAddress: Date] = [:], moveTasks: [MessageMoveTask] = []) {
        self.queues = queues
        self.deletions = deletions
        self.moveTasks = moveTasks
    }
}

/// Durable storage for queues, implemented by the `Storage` module for each SQL engine.
///
/// Queues are rows any engine can share: each has an id that is never reused (``Queue/id``),
/// which its messages will refer to.
///
/// - Important: `apply` must not return before the change is durable: an acknowledged
///   CreateQueue or DeleteQueue survives `kill -9`.
public protocol QueueStore: Sendable {
    /// Queues, and the deletions of the last `window` before `now`.
    func load(deletedSince: Date) async throws -> QueueSnapshot
    /// Applies changes atomically: all of them or none.
    func apply(_ changes: [QueueChange]) async throws
    /// A new queue id, never handed out before.
    func nextQueueID() async throws -> Int64
}
