import ServiceCalls

/// Makes a received message visible again after the given number of seconds from now.
public enum ChangeMessageVisibility: SQSOperation {
    public static let name = "ChangeMessageVisibility"

    public static func perform(_ input: ChangeMessageVisibilityRequest, context: CallContext,
                               service sqs: QueueService) async throws -> ChangeMessageVisibilityResponse {
        let queue = try sqs.messageQueue(url: input.queueUrl, for: "sqs:ChangeMessageVisibility", context: context)
        try await sqs.changeVisibility(in: queue, receiptHandle: input.receiptHandle, timeout: input.visibilityTimeout)
        return ChangeMessageVisibilityResponse()
    }
}
