import Identity
import ServiceCalls

/// Lists the names of a user's inline policies.
public enum ListUserPolicies: IAMOperation {
    public static let name = "ListUserPolicies"

    public static func perform(_ input: ListUserPoliciesRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> ListUserPoliciesResponse {
        let user = try iam.user(named: input.userName, context: context)
        try iam.authorize("iam:ListUserPolicies", resource: user.arn, context: context)
        let names: [String] = if case .created(let created) = user { created.inlinePolicies.map(\.name).sorted() } else { [] }
        let (page, next) = try IAMPage.page(names, maxItems: input.maxItems, marker: input.marker)
        return ListUserPoliciesResponse(policyNames: Array(page), isTruncated: next != nil, marker: next)
    }
}
