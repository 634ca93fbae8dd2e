import ServiceCalls

/// Creates an endpoint of a platform application for a device token.
public enum CreatePlatformEndpoint: SNSOperation {
    public static let name = "CreatePlatformEndpoint"

    public static func perform(_ input: CreatePlatformEndpointInput, context: CallContext,
                               service sns: TopicService) async throws -> CreateEndpointResponse {
        CreateEndpointResponse(endpointArn: try await sns.createEndpoint(
            applicationARN: input.platformApplicationArn, token: input.token, customUserData: input.customUserData,
            attributes: input.attributes ?? [:], context: context))
    }
}
