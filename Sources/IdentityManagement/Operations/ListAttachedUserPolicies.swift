import Identity
import ServiceCalls

/// Lists the managed policies attached to a user.
public enum ListAttachedUserPolicies: IAMOperation {
    public static let name = "ListAttachedUserPolicies"

    public static func perform(_ input: ListAttachedUserPoliciesRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> ListAttachedUserPoliciesResponse {
        let found = try iam.user(named: input.userName, context: context)
        try iam.authorize("iam:ListAttachedUserPolicies", resource: found.arn, context: context)
        let attached = iam.attachedPolicies(of: found.arn, pathPrefix: input.pathPrefix)
        let (page, next) = try IAMPage.page(attached, maxItems: input.maxItems, marker: input.marker)
        return ListAttachedUserPoliciesResponse(attachedPolicies: Array(page), isTruncated: next != nil, marker: next)
    }
}
