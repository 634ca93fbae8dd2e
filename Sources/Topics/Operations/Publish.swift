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
                // Arca has no platform endpoints: every target is unknown (recorded from AWS).
                _ = target
                throw SNSError.invalidParameter("TargetArn", reason: "No endpoint found for the target arn specified")
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
