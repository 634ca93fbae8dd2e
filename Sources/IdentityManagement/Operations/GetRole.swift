import ServiceCalls

/// Describes a role, with its trust policy URL-encoded as IAM returns policy documents.
public enum GetRole: IAMOperation {
    public static let name = "GetRole"

    public static func perform(_ input: GetRoleRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> GetRoleResponse {
        let role = try iam.role(named: input.roleName, context: context)
        try iam.authorize("iam:GetRole", resource: role.role.arn, context: context)
        return GetRoleResponse(role: role.shape)
    }
}
