import Identity
import ServiceCalls

/// Lists the managed policies attached to a role.
public enum ListAttachedRolePolicies: IAMOperation {
    public static let name = "ListAttachedRolePolicies"

    public static func perform(_ input: ListAttachedRolePoliciesRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> ListAttachedRolePoliciesResponse {
        let found = try iam.role(named: input.roleName, context: context)
        try iam.authorize("iam:ListAttachedRolePolicies", resource: found.role.arn, context: context)
        let attached = iam.attachedPolicies(of: found.role.arn, pathPrefix: input.pathPrefix)
        let (page, next) = try IAMPage.page(attached, maxItems: input.maxItems, marker: input.marker)
        return ListAttachedRolePoliciesResponse(attachedPolicies: Array(page), isTruncated: next != nil, marker: next)
    }
}
