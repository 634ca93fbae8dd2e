import ServiceCalls

/// Cancels a running message move task; what it moved stays moved.
public enum CancelMessageMoveTask: SQSOperation {
    public static let name = "CancelMessageMoveTask"

    public static func perform(_ input: CancelMessageMoveTaskRequest, context: CallContext,
                               service sqs: QueueService) async throws -> CancelMessageMoveTaskResult {
        let task = try await sqs.cancelMoveTask(handle: input.taskHandle, context: context)
        return CancelMessageMoveTaskResult(approximateNumberOfMessagesMoved: Int64(task.moved))
    }
}
