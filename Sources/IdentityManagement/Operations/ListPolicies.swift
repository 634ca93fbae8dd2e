import Identity
import ServiceCalls

/// Lists the customer managed policies of the caller's account. Arca has no AWS managed policies,
/// so the `AWS` scope is empty, and no permissions boundaries.
public enum ListPolicies: IAMOperation {
    public static let name = "ListPolicies"

    public static func perform(_ input: ListPoliciesRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> ListPoliciesResponse {
        let prefix = input.pathPrefix ?? "/"
        try iam.authorize("iam:ListPolicies", resource: "arn:aws:iam::\(context.account):policy\(prefix)", context: context)
        let directory = iam.identities.current
        var listed: [Policy] = []
        if input.scope != .aws && input.policyUsageFilter != .permissionsBoundary {
            listed = directory.managedPolicies.values
                .filter { $0.account == context.account && $0.path.hasPrefix(prefix) }
                .sorted { $0.name.lowercased() < $1.name.lowercased() }
                .map { $0.shape(attachmentCount: iam.attachmentCount(of: $0.arn, in: directory)) }
                .filter { input.onlyAttached != true || ($0.attachmentCount ?? 0) > 0 }
        }
        let (page, next) = try IAMPage.page(listed, maxItems: input.maxItems, marker: input.marker)
        return ListPoliciesResponse(policies: Array(page), isTruncated: next != nil, marker: next)
    }
}
