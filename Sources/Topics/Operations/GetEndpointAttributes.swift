import ServiceCalls

/// Answers a platform endpoint's attributes.
public enum GetEndpointAttributes: SNSOperation {
    public static let name = "GetEndpointAttributes"

    public static func perform(_ input: GetEndpointAttributesInput, context: CallContext,
                               service sns: TopicService) async throws -> GetEndpointAttributesResponse {
        GetEndpointAttributesResponse(attributes: try sns.endpointAttributes(arn: input.endpointArn, context: context))
    }
}
