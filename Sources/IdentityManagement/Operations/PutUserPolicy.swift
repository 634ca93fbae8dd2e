import Identity
import ServiceCalls

/// Adds or replaces an inline policy of a user; it applies to the user's next request.
public enum PutUserPolicy: IAMOperation {
    public static let name = "PutUserPolicy"

    public static func perform(_ input: PutUserPolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> PutUserPolicyResponse {
        let found = try iam.user(named: input.userName, context: context)
        try iam.authorize("iam:PutUserPolicy", resource: found.arn, context: context)
        try await iam.putInlinePolicy(input.policyName, document: input.policyDocument, into: try found.modifiable())
        return PutUserPolicyResponse()
    }
}
