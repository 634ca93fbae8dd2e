import AccessPolicy
import Identity

/// Adds or replaces an inline policy of a user; it applies to the user's next request.
public enum PutUserPolicy: IAMOperation {
    public static let name = "PutUserPolicy"

    public static func handle(_ input: PutUserPolicyRequest, context: IAMRequestContext,
                              iam: IdentityManagementService) async throws -> PutUserPolicyResponse {
        let found = try iam.user(named: input.userName, context: context)
        try iam.authorize("iam:PutUserPolicy", resource: found.arn, context: context)
        let user = try found.modifiable()
        do {
            _ = try PolicyDocument(json: input.policyDocument, kind: .identityBased)
        } catch {
            throw IAMError(.malformedPolicyDocument, error.message)
        }
        try await iam.identities.write { directory throws(IAMError) in
            guard var current = directory.iamUsers[user.arn] else { throw IAMError.noSuchUser(user.name) }
            let policy = IAMInlinePolicy(name: input.policyName, document: input.policyDocument)
            if let index = current.inlinePolicies.firstIndex(where: { $0.name == input.policyName }) {
                current.inlinePolicies[index] = policy
            } else {
                current.inlinePolicies.append(policy)
            }
            let size = current.inlinePolicies.reduce(0) { $0 + $1.document.count { !$0.isWhitespace } }
            guard size <= IdentityManagementService.userPolicySizeLimit else {
                throw IAMError(.limitExceeded,
                               "Maximum policy size of \(IdentityManagementService.userPolicySizeLimit) bytes exceeded for user \(user.name)")
            }
            return ((), [.putUser(current)])
        }
        return PutUserPolicyResponse()
    }
}
