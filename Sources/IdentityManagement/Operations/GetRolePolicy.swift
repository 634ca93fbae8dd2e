import ServiceCalls

/// Returns an inline policy of a role, URL-encoded as IAM returns policy documents.
public enum GetRolePolicy: IAMOperation {
    public static let name = "GetRolePolicy"

    public static func perform(_ input: GetRolePolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> GetRolePolicyResponse {
        let role = try iam.role(named: input.roleName, context: context)
        try iam.authorize("iam:GetRolePolicy", resource: role.role.arn, context: context)
        guard let policy = role.created?.inlinePolicies.first(where: { $0.name == input.policyName }) else {
            throw InlinePolicies.notFound(input.policyName, ownerKind: "role")
        }
        return GetRolePolicyResponse(roleName: role.role.name, policyName: policy.name,
                                     policyDocument: RFC3986.encode(policy.document))
    }
}
