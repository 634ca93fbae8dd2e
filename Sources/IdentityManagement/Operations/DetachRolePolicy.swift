import Identity
import ServiceCalls

/// Detaches a managed policy from a role; it stops applying with the role's sessions' next requests.
public enum DetachRolePolicy: IAMOperation {
    public static let name = "DetachRolePolicy"

    public static func perform(_ input: DetachRolePolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> DetachRolePolicyResponse {
        let found = try iam.role(named: input.roleName, context: context)
        try iam.authorize("iam:DetachRolePolicy", resource: found.role.arn, context: context,
                          conditions: ["iam:policyarn": .single(input.policyArn)])
        try await iam.detachPolicy(input.policyArn, from: try found.modifiable())
        return DetachRolePolicyResponse()
    }
}
