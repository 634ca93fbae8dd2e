import Identity
import ServiceCalls

/// Lists the names of a group's inline policies.
public enum ListGroupPolicies: IAMOperation {
    public static let name = "ListGroupPolicies"

    public static func perform(_ input: ListGroupPoliciesRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> ListGroupPoliciesResponse {
        let group = try iam.group(named: input.groupName, context: context)
        try iam.authorize("iam:ListGroupPolicies", resource: group.arn, context: context)
        let (page, next) = try IAMPage.page(group.inlinePolicies.map(\.name).sorted(), maxItems: input.maxItems, marker: input.marker)
        return ListGroupPoliciesResponse(policyNames: Array(page), isTruncated: next != nil, marker: next)
    }
}
