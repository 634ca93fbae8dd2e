import ServiceCalls

/// Deletes a platform application and its endpoints.
public enum DeletePlatformApplication: SNSOperation {
    public static let name = "DeletePlatformApplication"

    public static func perform(_ input: DeletePlatformApplicationInput, context: CallContext,
                               service sns: TopicService) async throws -> DeletePlatformApplicationResponse {
        try await sns.deleteApplication(arn: input.platformApplicationArn, context: context)
        return DeletePlatformApplicationResponse()
    }
}
