import Identity
import ServiceCalls

/// Adds a user to a group; the group's policies apply to the user's next request. Adding a member
/// again changes nothing.
public enum AddUserToGroup: IAMOperation {
    public static let name = "AddUserToGroup"

    public static func perform(_ input: AddUserToGroupRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> AddUserToGroupResponse {
        let group = try iam.modifiable(try iam.group(named: input.groupName, context: context))
        try iam.authorize("iam:AddUserToGroup", resource: group.arn, context: context)
        let user = try iam.user(named: input.userName, context: context).modifiable()
        try await iam.update(group) { current, directory throws(IAMError) in
            guard directory.iamUsers[user.arn] != nil else { throw IAMError.noSuchUser(user.name) }
            guard !current.members.contains(user.arn) else { return }
            guard directory.groups(of: user.arn).count < IdentityManagementService.groupsPerUserLimit else {
                throw IAMError(.limitExceeded, "Cannot exceed quota for GroupsPerUser: \(IdentityManagementService.groupsPerUserLimit)")
            }
            current.members.append(user.arn)
        }
        return AddUserToGroupResponse()
    }
}
