import Identity
import ServiceCalls

/// Removes a user from a group; the group's policies stop applying with the next request.
public enum RemoveUserFromGroup: IAMOperation {
    public static let name = "RemoveUserFromGroup"

    public static func perform(_ input: RemoveUserFromGroupRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> RemoveUserFromGroupResponse {
        let group = try iam.modifiable(try iam.group(named: input.groupName, context: context))
        try iam.authorize("iam:RemoveUserFromGroup", resource: group.arn, context: context)
        let user = try iam.user(named: input.userName, context: context)
        try await iam.update(group) { current, _ throws(IAMError) in
            guard let index = current.members.firstIndex(of: user.arn) else {
                throw IAMError(.noSuchEntity, "User \(user.name) is not in group \(group.name).")
            }
            current.members.remove(at: index)
        }
        return RemoveUserFromGroupResponse()
    }
}
