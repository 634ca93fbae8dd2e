import ServiceCalls

/// Publishes up to ten messages to a topic; each entry answers its receipt or its error.
public enum PublishBatch: SNSOperation {
    public static let name = "PublishBatch"

    public static func perform(_ input: PublishBatchInput, context: CallContext,
                               service sns: TopicService) async throws -> PublishBatchResponse {
        let entries = input.publishBatchRequestEntries.map { entry in
            (id: entry.id, message: PublishedMessage(message: entry.message, subject: entry.subject,
                                                     messageStructure: entry.messageStructure,
                                                     attributes: entry.messageAttributes ?? [:], groupID: entry.messageGroupId,
                                                     deduplicationID: entry.messageDeduplicationId))
        }
        let results = try await sns.publishBatch(topicARN: input.topicArn, entries, context: context)
        var successful: [PublishBatchResultEntry] = []
        var failed: [BatchResultErrorEntry] = []
        for (id, result) in results {
            switch result {
            case .success(let receipt):
                successful.append(PublishBatchResultEntry(id: id, messageId: receipt.messageID, sequenceNumber: receipt.sequenceNumber))
            case .failure(let error):
                failed.append(BatchResultErrorEntry(id: id, code: error.code.rawValue, message: error.message,
                                                    senderFault: error.code.fault == .sender))
            }
        }
        return PublishBatchResponse(successful: successful, failed: failed)
    }
}
