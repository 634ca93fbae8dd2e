import ServiceCalls

/// Replaces a role's trust policy; the next AssumeRole is decided by the new one.
public enum UpdateAssumeRolePolicy: IAMOperation {
    public static let name = "UpdateAssumeRolePolicy"

    public static func perform(_ input: UpdateAssumeRolePolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> UpdateAssumeRolePolicyResponse {
        let found = try iam.role(named: input.roleName, context: context)
        try iam.authorize("iam:UpdateAssumeRolePolicy", resource: found.role.arn, context: context)
        let role = try found.modifiable()
        try iam.validateTrustPolicy(input.policyDocument)
        try await iam.identities.write { directory throws(IAMError) in
            guard var current = directory.iamRoles[role.arn] else {
                throw IAMError(.noSuchEntity, "The role with name \(role.name) cannot be found.")
            }
            current.trustPolicy = input.policyDocument
            return ((), [.putRole(current)])
        }
        return UpdateAssumeRolePolicyResponse()
    }
}
