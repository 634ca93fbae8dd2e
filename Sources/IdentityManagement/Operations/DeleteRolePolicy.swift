import Identity
import ServiceCalls

/// Deletes an inline policy of a role; its sessions lose it on their next request.
public enum DeleteRolePolicy: IAMOperation {
    public static let name = "DeleteRolePolicy"

    public static func perform(_ input: DeleteRolePolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> DeleteRolePolicyResponse {
        let found = try iam.role(named: input.roleName, context: context)
        try iam.authorize("iam:DeleteRolePolicy", resource: found.role.arn, context: context)
        try await iam.deleteInlinePolicy(input.policyName, from: try found.modifiable())
        return DeleteRolePolicyResponse()
    }
}
