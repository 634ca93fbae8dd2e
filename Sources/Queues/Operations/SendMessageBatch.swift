import ServiceCalls

/// Up to ten messages in one request: each answered on its own, all stored in one transaction.
public enum SendMessageBatch: SQSOperation {
    public static let name = "SendMessageBatch"

    /// "The maximum allowed individual message size and the maximum total payload size (the sum
    /// of the individual lengths of all of the batched messages)": 1 MiB.
    static let maximumBatchSize = 1_048_576

    public static func perform(_ input: SendMessageBatchRequest, context: CallContext,
                               service sqs: QueueService) async throws -> SendMessageBatchResult {
        try SQSBatch.check(ids: input.entries.map(\.id), entryShape: "SendMessageBatchRequestEntry")
        let entries = input.entries.map { entry in
            MessageToSend(content: MessageContent(body: entry.messageBody, attributes: entry.messageAttributes ?? [:]),
                          delaySeconds: entry.delaySeconds, systemAttributes: entry.messageSystemAttributes,
                          groupID: entry.messageGroupId, deduplicationID: entry.messageDeduplicationId)
        }
        let total = entries.reduce(0) { $0 + $1.content.size }
        guard total <= maximumBatchSize else {
            // Recorded from AWS.
            throw SQSError(.batchRequestTooLong, "Batch requests cannot be longer than \(maximumBatchSize) bytes. You have sent \(total) bytes.")
        }
        let results = try await sqs.send(url: input.queueUrl, entries, batch: true, context: context)
        var answer = SendMessageBatchResult(successful: [], failed: [])
        for (entry, result) in zip(input.entries, results) {
            switch result {
            case .success(let receipt):
                answer.successful.append(SendMessageBatchResultEntry(
                    id: entry.id, messageId: receipt.messageID, md5OfMessageBody: receipt.bodyMD5,
                    md5OfMessageAttributes: receipt.attributesMD5, md5OfMessageSystemAttributes: receipt.systemAttributesMD5,
                    sequenceNumber: receipt.sequenceNumber))
            case .failure(let error):
                answer.failed.append(SQSBatch.failure(entry.id, error))
            }
        }
        return answer
    }
}
