import ServiceCalls

/// Lists the roles of the caller's account, declared and created, by name.
public enum ListRoles: IAMOperation {
    public static let name = "ListRoles"

    public static func perform(_ input: ListRolesRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> ListRolesResponse {
        let prefix = input.pathPrefix ?? "/"
        try iam.authorize("iam:ListRoles", resource: "arn:aws:iam::\(context.account):role\(prefix)", context: context)
        let directory = iam.identities.current
        let roles = directory.roles(in: context.account).filter { $0.path.hasPrefix(prefix) }
            .sorted { $0.name.lowercased() < $1.name.lowercased() }
            .map { RoleRef(role: $0, created: directory.iamRoles[$0.arn], loadedAt: directory.loadedAt).shape }
        let (page, next) = try IAMPage.page(roles, maxItems: input.maxItems, marker: input.marker)
        return ListRolesResponse(roles: Array(page), isTruncated: next != nil, marker: next)
    }
}
