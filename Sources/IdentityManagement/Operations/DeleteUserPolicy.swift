import Identity
import ServiceCalls

/// Deletes an inline policy of a user; its permissions end with the next request.
public enum DeleteUserPolicy: IAMOperation {
    public static let name = "DeleteUserPolicy"

    public static func perform(_ input: DeleteUserPolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> DeleteUserPolicyResponse {
        let found = try iam.user(named: input.userName, context: context)
        try iam.authorize("iam:DeleteUserPolicy", resource: found.arn, context: context)
        try await iam.deleteInlinePolicy(input.policyName, from: try found.modifiable())
        return DeleteUserPolicyResponse()
    }
}
