import ServiceCalls

/// Up to ten deletes, each answered on its own.
public enum DeleteMessageBatch: SQSOperation {
    public static let name = "DeleteMessageBatch"

    public static func perform(_ input: DeleteMessageBatchRequest, context: CallContext,
                               service sqs: QueueService) async throws -> DeleteMessageBatchResult {
        try SQSBatch.check(ids: input.entries.map(\.id), entryShape: "DeleteMessageBatchRequestEntry")
        let queue = try sqs.messageQueue(url: input.queueUrl, for: "sqs:DeleteMessage", context: context)
        var answer = DeleteMessageBatchResult(successful: [], failed: [])
        for entry in input.entries {
            do {
                try await sqs.deleteMessage(in: queue, receiptHandle: entry.receiptHandle)
                answer.successful.append(DeleteMessageBatchResultEntry(id: entry.id))
            } catch let error as SQSError {
                answer.failed.append(SQSBatch.failure(entry.id, error))
            }
        }
        return answer
    }
}
