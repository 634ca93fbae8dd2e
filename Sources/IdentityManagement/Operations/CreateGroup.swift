import Identity
import ServiceCalls

/// Creates an empty group; users added to it get its policies.
public enum CreateGroup: IAMOperation {
    public static let name = "CreateGroup"

    public static func perform(_ input: CreateGroupRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> CreateGroupResponse {
        let path = input.path ?? "/"
        let group = IAMGroup(account: context.account, name: input.groupName, path: path,
                             groupID: iam.newID(prefix: "AGPA", length: 17), createDate: iam.now())
        try iam.authorize("iam:CreateGroup", resource: group.arn, context: context)
        try await iam.identities.write { directory throws(IAMError) in
            guard directory.arn(of: .group, named: input.groupName, in: context.account) == nil else {
                throw IAMError(.entityAlreadyExists, "Group with name \(input.groupName) already exists.")
            }
            return ((), [.putGroup(group)])
        }
        return CreateGroupResponse(group: group.shape)
    }
}
