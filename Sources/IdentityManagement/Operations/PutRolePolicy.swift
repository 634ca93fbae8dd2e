import Identity

/// Adds or replaces an inline policy of a role; its sessions get it on their next request.
public enum PutRolePolicy: IAMOperation {
    public static let name = "PutRolePolicy"

    public static func handle(_ input: PutRolePolicyRequest, context: IAMRequestContext,
                              iam: IdentityManagementService) async throws -> PutRolePolicyResponse {
        let found = try iam.role(named: input.roleName, context: context)
        try iam.authorize("iam:PutRolePolicy", resource: found.role.arn, context: context)
        let role = try found.modifiable()
        try InlinePolicies.validate(input.policyDocument)
        try await iam.identities.write { directory throws(IAMError) in
            guard var current = directory.iamRoles[role.arn] else {
                throw IAMError(.noSuchEntity, "The role with name \(role.name) cannot be found.")
            }
            current.inlinePolicies = try InlinePolicies.putting(
                IAMInlinePolicy(name: input.policyName, document: input.policyDocument), into: current.inlinePolicies,
                limit: InlinePolicies.roleSizeLimit, owner: ("role", role.name))
            return ((), [.putRole(current)])
        }
        return PutRolePolicyResponse()
    }
}
