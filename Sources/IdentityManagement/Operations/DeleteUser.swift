import Identity
import ServiceCalls

/// Deletes a user that has no inline or attached policies, access keys or group memberships left.
///
/// "you must manually delete the items attached to the user … access keys … inline policies …
/// attached managed policies … group memberships" first, else `DeleteConflict` (IAM API
/// reference, DeleteUser).
public enum DeleteUser: IAMOperation {
    public static let name = "DeleteUser"

    public static func perform(_ input: DeleteUserRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> DeleteUserResponse {
        let found = try iam.user(named: input.userName, context: context)
        try iam.authorize("iam:DeleteUser", resource: found.arn, context: context)
        let user = try found.modifiable()
        try await iam.identities.write { directory throws(IAMError) in
            guard let current = directory.iamUsers[user.arn] else { throw IAMError.noSuchUser(input.userName) }
            if !current.inlinePolicies.isEmpty {
                throw IAMError(.deleteConflict, "Cannot delete entity, must delete policies first.")
            }
            if !current.attachedPolicies.isEmpty {
                throw IAMError(.deleteConflict, "Cannot delete entity, must detach all policies first.")
            }
            if !directory.groups(of: user.arn).isEmpty {
                throw IAMError(.deleteConflict, "Cannot delete entity, must remove user from all groups first.")
            }
            if directory.iamAccessKeys.values.contains(where: { $0.userARN == user.arn }) {
                throw IAMError(.deleteConflict, "Cannot delete entity, must delete access keys first.")
            }
            return ((), [.deleteUser(current)])
        }
        return DeleteUserResponse()
    }
}
