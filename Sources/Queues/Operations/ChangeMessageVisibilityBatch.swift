import ServiceCalls

/// Up to ten visibility changes, each answered on its own.
public enum ChangeMessageVisibilityBatch: SQSOperation {
    public static let name = "ChangeMessageVisibilityBatch"

    public static func perform(_ input: ChangeMessageVisibilityBatchRequest, context: CallContext,
                               service sqs: QueueService) async throws -> ChangeMessageVisibilityBatchResult {
        try SQSBatch.check(ids: input.entries.map(\.id), entryShape: "ChangeMessageVisibilityBatchRequestEntry")
        let queue = try sqs.messageQueue(url: input.queueUrl, for: "sqs:ChangeMessageVisibility", context: context)
        var answer = ChangeMessageVisibilityBatchResult(successful: [], failed: [])
        for entry in input.entries {
            do {
                try await sqs.changeVisibility(in: queue, receiptHandle: entry.receiptHandle, timeout: entry.visibilityTimeout ?? 0)
                answer.successful.append(ChangeMessageVisibilityBatchResultEntry(id: entry.id))
            } catch let error as SQSError {
                answer.failed.append(SQSBatch.failure(entry.id, error))
            }
        }
        return answer
    }
}
