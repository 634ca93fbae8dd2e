import ServiceCalls

/// Removes the statement AddPermission made for `Label`.
public enum RemovePermission: SNSOperation {
    public static let name = "RemovePermission"

    public static func perform(_ input: RemovePermissionInput, context: CallContext,
                               service sns: TopicService) async throws -> RemovePermissionResponse {
        try await sns.removePermission(arn: input.topicArn, label: input.label, context: context)
        return RemovePermissionResponse()
    }
}
