import ServiceCalls

/// Deletes a role without inline or attached policies; its existing sessions keep authenticating until they
/// expire but are allowed nothing by the role any more.
public enum DeleteRole: IAMOperation {
    public static let name = "DeleteRole"

    public static func perform(_ input: DeleteRoleRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> DeleteRoleResponse {
        let found = try iam.role(named: input.roleName, context: context)
        try iam.authorize("iam:DeleteRole", resource: found.role.arn, context: context)
        let role = try found.modifiable()
        try await iam.identities.write { directory throws(IAMError) in
            guard let current = directory.iamRoles[role.arn] else {
                throw IAMError(.noSuchEntity, "The role with name \(role.name) cannot be found.")
            }
            if !current.inlinePolicies.isEmpty {
                throw IAMError(.deleteConflict, "Cannot delete entity, must delete policies first.")
            }
            if !current.attachedPolicies.isEmpty {
                throw IAMError(.deleteConflict, "Cannot delete entity, must detach all policies first.")
            }
            return ((), [.deleteRole(current)])
        }
        return DeleteRoleResponse()
    }
}
