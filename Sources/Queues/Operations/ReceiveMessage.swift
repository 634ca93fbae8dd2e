import ServiceCalls

/// Up to ten messages, opened for the caller, each invisible for the visibility timeout; a long
/// poll waits up to 20 seconds for the first.
public enum ReceiveMessage: SQSOperation {
    public static let name = "ReceiveMessage"

    public static func perform(_ input: ReceiveMessageRequest, context: CallContext,
                               service sqs: QueueService) async throws -> ReceiveMessageResult {
        let options = ReceiveOptions(
            maxNumberOfMessages: input.maxNumberOfMessages, visibilityTimeout: input.visibilityTimeout,
            waitTimeSeconds: input.waitTimeSeconds,
            systemAttributeNames: (input.attributeNames ?? []) + (input.messageSystemAttributeNames ?? []),
            messageAttributeNames: input.messageAttributeNames ?? [], receiveRequestAttemptID: input.receiveRequestAttemptId)
        let messages = try await sqs.receive(url: input.queueUrl, options, context: context)
        return ReceiveMessageResult(messages: messages.isEmpty ? nil : messages)
    }
}
