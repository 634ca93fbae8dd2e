import Identity
import ServiceCalls

/// Lists the groups a user is in.
public enum ListGroupsForUser: IAMOperation {
    public static let name = "ListGroupsForUser"

    public static func perform(_ input: ListGroupsForUserRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> ListGroupsForUserResponse {
        let user = try iam.user(named: input.userName, context: context)
        try iam.authorize("iam:ListGroupsForUser", resource: user.arn, context: context)
        let directory = iam.identities.current
        let groups = directory.groups(of: user.arn).compactMap { directory.groups[$0]?.shape }
        let (page, next) = try IAMPage.page(groups, maxItems: input.maxItems, marker: input.marker)
        return ListGroupsForUserResponse(groups: Array(page), isTruncated: next != nil, marker: next)
    }
}
