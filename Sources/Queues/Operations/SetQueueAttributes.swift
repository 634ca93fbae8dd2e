import ServiceCalls

/// Changes a queue's attributes; all of them or, on the first invalid one, none.
public enum SetQueueAttributes: SQSOperation {
    public static let name = "SetQueueAttributes"

    public static func perform(_ input: SetQueueAttributesRequest, context: CallContext,
                               service sqs: QueueService) async throws -> SetQueueAttributesResponse {
        try await sqs.setAttributes(url: input.queueUrl, input.attributes, context: context)
        return SetQueueAttributesResponse()
    }
}
