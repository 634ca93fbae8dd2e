import ServiceCalls

/// One SQS API operation: a ``ServiceOperation`` on the ``QueueService``.
///
/// Each operation lives in its own file named after it and is listed once in
/// ``SQSOperationRegistry``. Handlers throw ``SQSError``; they never pick HTTP statuses or build
/// responses.
public protocol SQSOperation: ServiceOperation where Service == QueueService {}

/// The one table from operation name to operation: every SQS operation Arca implements.
///
/// Operations of the service model that are not listed here answer
/// `AWS.SimpleQueueService.UnsupportedOperation` and are marked as missing in the README's
/// coverage table.
public enum SQSOperationRegistry {
    public static let operations: [any ServiceOperation<QueueService>.Type] = [
        AddPermission.self,
        CancelMessageMoveTask.self,
        ChangeMessageVisibility.self,
        ChangeMessageVisibilityBatch.self,
        CreateQueue.self,
        DeleteMessage.self,
        DeleteMessageBatch.self,
        DeleteQueue.self,
        GetQueueAttributes.self,
        GetQueueUrl.self,
        ListDeadLetterSourceQueues.self,
        ListMessageMoveTasks.self,
        ListQueueTags.self,
        ListQueues.self,
        PurgeQueue.self,
        ReceiveMessage.self,
        RemovePermission.self,
        SendMessage.self,
        SendMessageBatch.self,
        SetQueueAttributes.self,
        StartMessageMoveTask.self,
        TagQueue.self,
        UntagQueue.self,
    ]
}
