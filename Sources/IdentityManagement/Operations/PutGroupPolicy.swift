import Identity
import ServiceCalls

/// Adds or replaces an inline policy of a group; it applies to every member's next request.
public enum PutGroupPolicy: IAMOperation {
    public static let name = "PutGroupPolicy"

    public static func perform(_ input: PutGroupPolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> PutGroupPolicyResponse {
        let group = try iam.group(named: input.groupName, context: context)
        try iam.authorize("iam:PutGroupPolicy", resource: group.arn, context: context)
        try await iam.putInlinePolicy(input.policyName, document: input.policyDocument, into: try iam.modifiable(group))
        return PutGroupPolicyResponse()
    }
}
