import ServiceCalls

/// Creates a platform application for mobile push.
public enum CreatePlatformApplication: SNSOperation {
    public static let name = "CreatePlatformApplication"

    public static func perform(_ input: CreatePlatformApplicationInput, context: CallContext,
                               service sns: TopicService) async throws -> CreatePlatformApplicationResponse {
        CreatePlatformApplicationResponse(platformApplicationArn: try await sns.createApplication(
            name: input.name, platform: input.platform, attributes: input.attributes, context: context))
    }
}
