import Identity
import ServiceCalls

/// Returns an inline policy of a group, URL-encoded as IAM returns policy documents.
public enum GetGroupPolicy: IAMOperation {
    public static let name = "GetGroupPolicy"

    public static func perform(_ input: GetGroupPolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> GetGroupPolicyResponse {
        let group = try iam.group(named: input.groupName, context: context)
        try iam.authorize("iam:GetGroupPolicy", resource: group.arn, context: context)
        guard let policy = group.inlinePolicies.first(where: { $0.name == input.policyName }) else {
            throw InlinePolicies.notFound(input.policyName, ownerKind: "group")
        }
        return GetGroupPolicyResponse(groupName: group.name, policyName: policy.name,
                                      policyDocument: RFC3986.encode(policy.document))
    }
}
