import Identity
import ServiceCalls

/// Lists the groups of the caller's account, declared and created, by name.
public enum ListGroups: IAMOperation {
    public static let name = "ListGroups"

    public static func perform(_ input: ListGroupsRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> ListGroupsResponse {
        let prefix = input.pathPrefix ?? "/"
        try iam.authorize("iam:ListGroups", resource: "arn:aws:iam::\(context.account):group\(prefix)", context: context)
        let groups = iam.identities.current.groups.values
            .filter { $0.account == context.account && $0.path.hasPrefix(prefix) }
            .sorted { $0.name.lowercased() < $1.name.lowercased() }
        let (page, next) = try IAMPage.page(groups.map(\.shape), maxItems: input.maxItems, marker: input.marker)
        return ListGroupsResponse(groups: Array(page), isTruncated: next != nil, marker: next)
    }
}
