import ServiceCalls

/// The attributes of a queue: those named, or all of them for `All`; none when none are named.
public enum GetQueueAttributes: SQSOperation {
    public static let name = "GetQueueAttributes"

    public static func perform(_ input: GetQueueAttributesRequest, context: CallContext,
                               service sqs: QueueService) async throws -> GetQueueAttributesResult {
        let attributes = try await sqs.attributes(url: input.queueUrl, names: input.attributeNames ?? [],
                                            context: context)
        return GetQueueAttributesResult(attributes: attributes.isEmpty ? nil : attributes)
    }
}
