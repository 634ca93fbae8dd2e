import ServiceCalls

/// Adds a statement for `Label` to the topic policy, granting actions to accounts.
public enum AddPermission: SNSOperation {
    public static let name = "AddPermission"

    public static func perform(_ input: AddPermissionInput, context: CallContext,
                               service sns: TopicService) async throws -> AddPermissionResponse {
        try await sns.addPermission(arn: input.topicArn, label: input.label, accounts: input.awsAccountId,
                                    actions: input.actionName, context: context)
        return AddPermissionResponse()
    }
}
