import Identity
import ServiceCalls

/// Lists the users of the caller's account, declared and created, by name.
public enum ListUsers: IAMOperation {
    public static let name = "ListUsers"

    public static func perform(_ input: ListUsersRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> ListUsersResponse {
        try iam.authorize("iam:ListUsers", resource: iam.userARN("", path: input.pathPrefix ?? "/", context: context),
                          context: context)
        let directory = iam.identities.current
        let account = context.account
        let prefix = input.pathPrefix ?? "/"
        var users = directory.iamUsers.values.filter { $0.account == account }.map(UserRef.created)
        users += directory.declaredUsers.values.filter { $0.principal.account == account }
            .map { UserRef.declared($0, loadedAt: directory.loadedAt) }
        let listed = users.map(\.shape).filter { $0.path.hasPrefix(prefix) }
            .sorted { $0.userName.lowercased() < $1.userName.lowercased() }
        let (page, next) = try IAMPage.page(listed, maxItems: input.maxItems, marker: input.marker)
        return ListUsersResponse(users: Array(page), isTruncated: next != nil, marker: next)
    }
}
