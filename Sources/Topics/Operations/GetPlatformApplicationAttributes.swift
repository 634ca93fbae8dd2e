import ServiceCalls

/// Answers a platform application's attributes (never its credentials).
public enum GetPlatformApplicationAttributes: SNSOperation {
    public static let name = "GetPlatformApplicationAttributes"

    public static func perform(_ input: GetPlatformApplicationAttributesInput, context: CallContext,
                               service sns: TopicService) async throws -> GetPlatformApplicationAttributesResponse {
        GetPlatformApplicationAttributesResponse(attributes: try sns.applicationAttributes(arn: input.platformApplicationArn, context: context))
    }
}
