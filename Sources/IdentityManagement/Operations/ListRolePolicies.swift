import ServiceCalls

/// Lists the names of a role's inline policies.
public enum ListRolePolicies: IAMOperation {
    public static let name = "ListRolePolicies"

    public static func perform(_ input: ListRolePoliciesRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> ListRolePoliciesResponse {
        let role = try iam.role(named: input.roleName, context: context)
        try iam.authorize("iam:ListRolePolicies", resource: role.role.arn, context: context)
        let names = (role.created?.inlinePolicies ?? []).map(\.name).sorted()
        let (page, next) = try IAMPage.page(names, maxItems: input.maxItems, marker: input.marker)
        return ListRolePoliciesResponse(policyNames: Array(page), isTruncated: next != nil, marker: next)
    }
}
