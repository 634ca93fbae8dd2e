import ServiceCalls

/// The most recent message move tasks of a source queue, newest first.
public enum ListMessageMoveTasks: SQSOperation {
    public static let name = "ListMessageMoveTasks"

    public static func perform(_ input: ListMessageMoveTasksRequest, context: CallContext,
                               service sqs: QueueService) throws -> ListMessageMoveTasksResult {
        let tasks = try sqs.moveTasks(sourceARN: input.sourceArn, maxResults: input.maxResults, context: context)
        return ListMessageMoveTasksResult(results: tasks.map { task in
            // A handle only while the task can be cancelled; a reason only when it failed.
            ListMessageMoveTasksResultEntry(
                taskHandle: task.status == .running ? task.handle : nil, status: task.status.rawValue, sourceArn: task.sourceARN,
                destinationArn: task.destinationARN, maxNumberOfMessagesPerSecond: task.maxPerSecond,
                approximateNumberOfMessagesMoved: Int64(task.moved), approximateNumberOfMessagesToMove: Int64(task.toMove),
                failureReason: task.failureReason, startedTimestamp: Int64((task.startedAt.timeIntervalSince1970 * 1000).rounded(.down)))
        })
    }
}
