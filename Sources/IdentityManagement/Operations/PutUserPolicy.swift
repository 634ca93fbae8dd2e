import Identity

/// Adds or replaces an inline policy of a user; it applies to the user's next request.
public enum PutUserPolicy: IAMOperation {
    public static let name = "PutUserPolicy"

    public static func handle(_ input: PutUserPolicyRequest, context: IAMRequestContext,
                              iam: IdentityManagementService) async throws -> PutUserPolicyResponse {
        let found = try iam.user(named: input.userName, context: context)
        try iam.authorize("iam:PutUserPolicy", resource: found.arn, context: context)
        let user = try found.modifiable()
        try InlinePolicies.validate(input.policyDocument)
        try await iam.identities.write { directory throws(IAMError) in
            guard var current = directory.iamUsers[user.arn] else { throw IAMError.noSuchUser(user.name) }
            current.inlinePolicies = try InlinePolicies.putting(
                IAMInlinePolicy(name: input.policyName, document: input.policyDocument), into: current.inlinePolicies,
                limit: InlinePolicies.userSizeLimit, owner: ("user", user.name))
            return ((), [.putUser(current)])
        }
        return PutUserPolicyResponse()
    }
}
