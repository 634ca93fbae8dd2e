import ServiceCalls

/// Lists a platform application's endpoints, 100 at a time.
public enum ListEndpointsByPlatformApplication: SNSOperation {
    public static let name = "ListEndpointsByPlatformApplication"

    public static func perform(_ input: ListEndpointsByPlatformApplicationInput, context: CallContext,
                               service sns: TopicService) async throws -> ListEndpointsByPlatformApplicationResponse {
        let (page, token) = try sns.endpoints(applicationARN: input.platformApplicationArn, nextToken: input.nextToken, context: context)
        return ListEndpointsByPlatformApplicationResponse(endpoints: page.map { Endpoint(endpointArn: $0.arn, attributes: $0.attributes) },
                                                          nextToken: token)
    }
}
