import Identity
import ServiceCalls

/// Lists the versions of a managed policy, newest first, without their documents.
public enum ListPolicyVersions: IAMOperation {
    public static let name = "ListPolicyVersions"

    public static func perform(_ input: ListPolicyVersionsRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> ListPolicyVersionsResponse {
        try iam.authorize("iam:ListPolicyVersions", policyARN: input.policyArn, context: context)
        let policy = try iam.managedPolicy(input.policyArn, context: context)
        let versions = policy.versions.reversed().map { policy.shape(of: $0, withDocument: false) }
        let (page, next) = try IAMPage.page(versions, maxItems: input.maxItems, marker: input.marker)
        return ListPolicyVersionsResponse(versions: Array(page), isTruncated: next != nil, marker: next)
    }
}
