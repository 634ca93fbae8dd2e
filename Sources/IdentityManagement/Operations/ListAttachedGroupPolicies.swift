import Identity

/// Lists the managed policies attached to a group.
public enum ListAttachedGroupPolicies: IAMOperation {
    public static let name = "ListAttachedGroupPolicies"

    public static func handle(_ input: ListAttachedGroupPoliciesRequest, context: IAMRequestContext,
                              iam: IdentityManagementService) async throws -> ListAttachedGroupPoliciesResponse {
        let found = try iam.group(named: input.groupName, context: context)
        try iam.authorize("iam:ListAttachedGroupPolicies", resource: found.arn, context: context)
        let attached = iam.attachedPolicies(of: found.arn, pathPrefix: input.pathPrefix)
        let (page, next) = try IAMPage.page(attached, maxItems: input.maxItems, marker: input.marker)
        return ListAttachedGroupPoliciesResponse(attachedPolicies: Array(page), isTruncated: next != nil, marker: next)
    }
}
