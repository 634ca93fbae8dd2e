import ServiceCalls

/// Sets attributes of a platform endpoint.
public enum SetEndpointAttributes: SNSOperation {
    public static let name = "SetEndpointAttributes"

    public static func perform(_ input: SetEndpointAttributesInput, context: CallContext,
                               service sns: TopicService) async throws -> SetEndpointAttributesResponse {
        try await sns.setEndpointAttributes(arn: input.endpointArn, attributes: input.attributes, context: context)
        return SetEndpointAttributesResponse()
    }
}
