import ServiceCalls

/// Starts moving the messages of a dead-letter queue to their source queues or another queue.
public enum StartMessageMoveTask: SQSOperation {
    public static let name = "StartMessageMoveTask"

    public static func perform(_ input: StartMessageMoveTaskRequest, context: CallContext,
                               service sqs: QueueService) async throws -> StartMessageMoveTaskResult {
        let task = try await sqs.startMoveTask(sourceARN: input.sourceArn, destinationARN: input.destinationArn,
                                               maxPerSecond: input.maxNumberOfMessagesPerSecond, context: context)
        return StartMessageMoveTaskResult(taskHandle: task.handle)
    }
}
