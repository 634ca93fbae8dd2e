import Identity
import ServiceCalls

/// Lists the managed policies attached to a group.
public enum ListAttachedGroupPolicies: IAMOperation {
    public static let name = "ListAttachedGroupPolicies"

    public static func perform(_ input: ListAttachedGroupPoliciesRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> ListAttachedGroupPoliciesResponse {
        let found = try iam.group(named: input.groupName, context: context)
        try iam.authorize("iam:ListAttachedGroupPolicies", resource: found.arn, context: context)
        let attached = iam.attachedPolicies(of: found.arn, pathPrefix: input.pathPrefix)
        let (page, next) = try IAMPage.page(attached, maxItems: input.maxItems, marker: input.marker)
        return ListAttachedGroupPoliciesResponse(attachedPolicies: Array(page), isTruncated: next != nil, marker: next)
    }
}
