import Identity

/// Deletes an inline policy of a role; its sessions lose it on their next request.
public enum DeleteRolePolicy: IAMOperation {
    public static let name = "DeleteRolePolicy"

    public static func handle(_ input: DeleteRolePolicyRequest, context: IAMRequestContext,
                              iam: IdentityManagementService) async throws -> DeleteRolePolicyResponse {
        let found = try iam.role(named: input.roleName, context: context)
        try iam.authorize("iam:DeleteRolePolicy", resource: found.role.arn, context: context)
        try await iam.deleteInlinePolicy(input.policyName, from: try found.modifiable())
        return DeleteRolePolicyResponse()
    }
}
