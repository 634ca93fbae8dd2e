import Identity
import ServiceCalls

/// Adds or replaces an inline policy of a role; its sessions get it on their next request.
public enum PutRolePolicy: IAMOperation {
    public static let name = "PutRolePolicy"

    public static func perform(_ input: PutRolePolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> PutRolePolicyResponse {
        let found = try iam.role(named: input.roleName, context: context)
        try iam.authorize("iam:PutRolePolicy", resource: found.role.arn, context: context)
        try await iam.putInlinePolicy(input.policyName, document: input.policyDocument, into: try found.modifiable())
        return PutRolePolicyResponse()
    }
}
