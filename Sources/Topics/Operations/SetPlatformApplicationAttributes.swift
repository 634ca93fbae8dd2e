import ServiceCalls

/// Sets attributes of a platform application.
public enum SetPlatformApplicationAttributes: SNSOperation {
    public static let name = "SetPlatformApplicationAttributes"

    public static func perform(_ input: SetPlatformApplicationAttributesInput, context: CallContext,
                               service sns: TopicService) async throws -> SetPlatformApplicationAttributesResponse {
        try await sns.setApplicationAttributes(arn: input.platformApplicationArn, attributes: input.attributes, context: context)
        return SetPlatformApplicationAttributesResponse()
    }
}
