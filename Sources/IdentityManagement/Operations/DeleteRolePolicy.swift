/// Deletes an inline policy of a role; its sessions lose it on their next request.
public enum DeleteRolePolicy: IAMOperation {
    public static let name = "DeleteRolePolicy"

    public static func handle(_ input: DeleteRolePolicyRequest, context: IAMRequestContext,
                              iam: IdentityManagementService) async throws -> DeleteRolePolicyResponse {
        let found = try iam.role(named: input.roleName, context: context)
        try iam.authorize("iam:DeleteRolePolicy", resource: found.role.arn, context: context)
        let role = try found.modifiable()
        try await iam.identities.write { directory throws(IAMError) in
            guard var current = directory.iamRoles[role.arn] else {
                throw IAMError(.noSuchEntity, "The role with name \(role.name) cannot be found.")
            }
            current.inlinePolicies = try InlinePolicies.removing(input.policyName, from: current.inlinePolicies, ownerKind: "role")
            return ((), [.putRole(current)])
        }
        return DeleteRolePolicyResponse()
    }
}
