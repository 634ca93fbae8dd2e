import Foundation
import ServiceCalls

extension QueueService {
    /// StartMessageMoveTask: moves the messages of a dead-letter queue back to their source queues,
    /// or to `destinationARN`, at most `maxPerSecond` a second. Messages are recorded from AWS
    /// where the reasons are.
    public func startMoveTask(sourceARN: String, destinationARN: String?, maxPerSecond: Int?,
                              context: CallContext) async throws -> MessageMoveTask {
        let source = try moveTaskQueue(sourceARN, parameter: "SourceArn", for: "sqs:StartMessageMoveTask", context: context)
        // The task receives and deletes from the source and sends to the destination for its caller.
        let policies = registry.read { $0.compiledPolicies }
        for action in ["sqs:ReceiveMessage", "sqs:DeleteMessage"] {
            try authorize(action, resource: source.arn, policy: policies[source.id], context: context)
        }
        if let maxPerSecond, !(1...MessageMoveTask.fastestRate).contains(maxPerSecond) {
            throw SQSError.invalidParameterValue(String(maxPerSecond), parameter: "MaxNumberOfMessagesPerSecond",
                                                 reason: "Must be between 1 and \(MessageMoveTask.fastestRate).")
        }
        let isDeadLetterQueue = registry.read { state in
            state.queues.values.contains { $0.configuration.redrivePolicy?.deadLetterTargetARN == source.arn }
        }
        guard isDeadLetterQueue else {
            throw SQSError(.invalidParameterValue, "Source queue must be configured as a Dead Letter Queue.")
        }
        if let destinationARN {
            guard let address = QueueAddress(arn: destinationARN), let destination = registry.read({ $0.queues[address] }) else {
                throw Self.resourceNotFound("DestinationArn")
            }
            try authorize("sqs:SendMessage", resource: destination.arn, policy: policies[destination.id], context: context)
        }
        let now = now()
        let counts = try await messages.counts(
            queueID: source.id, now: now,
            sentAfter: MessageRetention.cutoff(now: now, retentionPeriod: source.configuration.messageRetentionPeriod))
        let task = MessageMoveTask(id: uuid(), sourceARN: source.arn, destinationARN: destinationARN, maxPerSecond: maxPerSecond,
                                   toMove: counts.visible + counts.notVisible + counts.delayed, startedAt: now)
        return try await registry.write { state throws(SQSError) in
            if state.moveTasks.values.contains(where: { $0.sourceARN == task.sourceARN && $0.status == .running }) {
                throw SQSError(.invalidParameterValue,
                               "There is already a task running. Only one active task is allowed for a source queue arn at a given time.")
            }
            return (task, [.putMoveTask(task)])
        }
    }

    /// ListMessageMoveTasks: the most recent tasks of a source queue, newest first.
    public func moveTasks(sourceARN: String, maxResults: Int?, context: CallContext) throws(SQSError) -> [MessageMoveTask] {
        let source = try moveTaskQueue(sourceARN, parameter: "SourceArn", for: "sqs:ListMessageMoveTasks", context: context)
        let limit = maxResults ?? 1
        guard (1...10).contains(limit) else {
            throw SQSError.invalidParameterValue(String(limit), parameter: "MaxResults", reason: "Must be between 1 and 10.")
        }
        let arn = source.arn
        return Array(registry.read { state in
            state.moveTasks.values.filter { $0.sourceARN == arn }
        }.sorted { ($0.startedAt, $0.id) > ($1.startedAt, $1.id) }.prefix(limit))
    }

    /// CancelMessageMoveTask: stops a running task; what it moved stays moved.
    public func cancelMoveTask(handle: String, context: CallContext) async throws -> MessageMoveTask {
        // Recorded from AWS, as are the two below.
        guard let (id, sourceARN) = MessageMoveTask.parse(handle: handle) else {
            throw SQSError(.invalidParameterValue, "Value for parameter TaskHandle is invalid.")
        }
        let source = try moveTaskQueue(sourceARN, parameter: "SourceArn", for: "sqs:CancelMessageMoveTask", context: context)
        return try await registry.write { state throws(SQSError) in
            guard var task = state.moveTasks[id], task.sourceARN == source.arn else {
                throw SQSError(.resourceNotFound, "Task does not exist.")
            }
            guard task.status == .running else {
                throw SQSError(.invalidParameterValue, "Only a running task can be cancelled; this one is \(task.status.rawValue).")
            }
            task.status = .cancelled
            return (task, [.putMoveTask(task)])
        }
    }

    /// The queue an ARN parameter of a move task names, authorized for `action`.
    private func moveTaskQueue(_ arn: String, parameter: String, for action: String, context: CallContext) throws(SQSError) -> Queue {
        guard let address = QueueAddress(arn: arn), registry.read({ $0.queues[address] }) != nil else {
            throw Self.resourceNotFound(parameter)
        }
        return try authorizedQueue(address, for: action, context: context)
    }

    /// "The resource that you specified for the SourceArn parameter doesn't exist." (recorded from AWS)
    static func resourceNotFound(_ parameter: String) -> SQSError {
        SQSError(.resourceNotFound, "The resource that you specified for the \(parameter) parameter doesn't exist.")
    }

    /// Moves what each running task may have moved by now (its rate times the seconds since it
    /// started), then completes the tasks that have moved everything and fails those whose
    /// destination no longer exists ("AWS.SimpleQueueService.NonExistentQueue", as AWS reports it).
    public func runDueMoves() async throws {
        let now = now()
        let (running, queues) = registry.read { state in
            (state.moveTasks.values.filter { $0.status == .running }, state.queues)
        }
        let queueIDs = Dictionary(queues.values.map { ($0.arn, $0.id) }, uniquingKeysWith: { first, _ in first })
        for var task in running.sorted(by: { $0.startedAt < $1.startedAt }) {
            let before = task
            if let address = QueueAddress(arn: task.sourceARN), let source = queues[address] {
                let due = task.allowance(at: now) - task.moved
                if due > 0 {
                    let destinationARN = task.destinationARN
                    let outcome = try await messages.move(
                        from: source.id, limit: min(due, 1_000), now: now,
                        sentAfter: MessageRetention.cutoff(now: now, retentionPeriod: source.configuration.messageRetentionPeriod)
                    ) { message in
                        (destinationARN ?? message.deadLetterSourceARN).flatMap { queueIDs[$0] }
                    }
                    task.moved += outcome.moved
                    if outcome.stranded {
                        task.status = .failed
                        task.failureReason = SQSErrorCode.queueDoesNotExist.queryCode
                    } else if task.moved >= task.toMove || outcome.moved < min(due, 1_000) {
                        // Everything counted at the start has moved, or nothing visible is left.
                        let left = try await messages.counts(queueID: source.id, now: now, sentAfter: .distantPast)
                        if task.moved >= task.toMove || left.visible + left.notVisible + left.delayed == 0 { task.status = .completed }
                    }
                    if outcome.moved > 0 {
                        for id in Set(queueIDs.values) { arrivals.announce(queueID: id) }
                    }
                }
            } else {
                task.status = .failed
                task.failureReason = SQSErrorCode.queueDoesNotExist.queryCode
            }
            guard task != before else { continue }
            let updated = task
            try await registry.write { state throws(SQSError) in
                // A task cancelled meanwhile stays cancelled, with what it moved.
                guard var current = state.moveTasks[updated.id] else { return ((), []) }
                current.moved = updated.moved
                if current.status == .running {
                    current.status = updated.status
                    current.failureReason = updated.failureReason
                }
                return ((), [.putMoveTask(current)])
            }
        }
    }
}
