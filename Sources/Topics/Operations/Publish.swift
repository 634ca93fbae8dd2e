import ServiceCalls

/// Publishes a message to a topic.
public enum Publish: SNSOperation {
    public static let name = "Publish"

    public static func perform(_ input: PublishInput, context: CallContext,
                               service sns: TopicService) async throws -> PublishResponse {
        let message = PublishedMessage(message: input.message, subject: input.subject, messageStructure: input.messageStructure,
                                       attributes: input.messageAttributes ?? [:], groupID: input.messageGroupId,
                                       deduplicationID: input.messageDeduplicationId)
        guard let topicARN = input.topicArn else {
            if let target = input.targetArn {
                let receipt = try await sns.publish(toEndpoint: target, message, context: context)
                return PublishResponse(messageId: receipt.messageID)
            }
            if let number = input.phoneNumber {
                let receipt = try await sns.publish(toPhoneNumber: number, message, context: context)
                return PublishResponse(messageId: receipt.messageID)
            }
            throw SNSError.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter")
        }
        let receipt = try await sns.publish(topicARN: topicARN, message, context: context)
        return PublishResponse(messageId: receipt.messageID, sequenceNumber: receipt.sequenceNumber)
    }
}
