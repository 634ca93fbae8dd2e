import Identity
import ServiceCalls

/// Attaches a customer managed policy to a role; it applies to the role's sessions' next requests.
public enum AttachRolePolicy: IAMOperation {
    public static let name = "AttachRolePolicy"

    public static func perform(_ input: AttachRolePolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> AttachRolePolicyResponse {
        let found = try iam.role(named: input.roleName, context: context)
        try iam.authorize("iam:AttachRolePolicy", resource: found.role.arn, context: context,
                          conditions: ["iam:policyarn": .single(input.policyArn)])
        try await iam.attachPolicy(input.policyArn, to: try found.modifiable(), context: context)
        return AttachRolePolicyResponse()
    }
}
