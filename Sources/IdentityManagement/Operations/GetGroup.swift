import Identity
import ServiceCalls

/// Returns a group and its users, a page at a time.
public enum GetGroup: IAMOperation {
    public static let name = "GetGroup"

    public static func perform(_ input: GetGroupRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> GetGroupResponse {
        let group = try iam.group(named: input.groupName, context: context)
        try iam.authorize("iam:GetGroup", resource: group.arn, context: context)
        let users = group.members.compactMap { try? iam.user(arn: $0, context: context).shape }
        let (page, next) = try IAMPage.page(users, maxItems: input.maxItems, marker: input.marker)
        return GetGroupResponse(group: group.shape, users: Array(page), isTruncated: next != nil, marker: next)
    }
}
