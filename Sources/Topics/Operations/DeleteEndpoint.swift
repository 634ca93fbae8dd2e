import ServiceCalls

/// Deletes a platform endpoint.
public enum DeleteEndpoint: SNSOperation {
    public static let name = "DeleteEndpoint"

    public static func perform(_ input: DeleteEndpointInput, context: CallContext,
                               service sns: TopicService) async throws -> DeleteEndpointResponse {
        try await sns.deleteEndpoint(arn: input.endpointArn, context: context)
        return DeleteEndpointResponse()
    }
}
