import Identity
import ServiceCalls

/// Deletes a group that has no members and no policies left.
///
/// "Before you delete a group, you must … Remove all users from the group … Delete inline
/// policies … Detach all managed policies" (IAM User Guide, Deleting a user group).
public enum DeleteGroup: IAMOperation {
    public static let name = "DeleteGroup"

    public static func perform(_ input: DeleteGroupRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> DeleteGroupResponse {
        let group = try iam.modifiable(try iam.group(named: input.groupName, context: context))
        try iam.authorize("iam:DeleteGroup", resource: group.arn, context: context)
        try await iam.identities.write { directory throws(IAMError) in
            guard let current = IAMGroup.current(group.arn, in: directory) else { throw IAMGroup.notFound(group.name) }
            if !current.members.isEmpty {
                throw IAMError(.deleteConflict, "Cannot delete entity, must remove users from group first.")
            }
            if !current.inlinePolicies.isEmpty {
                throw IAMError(.deleteConflict, "Cannot delete entity, must delete policies first.")
            }
            if !current.attachedPolicies.isEmpty {
                throw IAMError(.deleteConflict, "Cannot delete entity, must detach all policies first.")
            }
            return ((), [.deleteGroup(current)])
        }
        return DeleteGroupResponse()
    }
}
