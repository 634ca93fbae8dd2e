import Identity

/// Deletes an inline policy of a user; its permissions end with the next request.
public enum DeleteUserPolicy: IAMOperation {
    public static let name = "DeleteUserPolicy"

    public static func handle(_ input: DeleteUserPolicyRequest, context: IAMRequestContext,
                              iam: IdentityManagementService) async throws -> DeleteUserPolicyResponse {
        let found = try iam.user(named: input.userName, context: context)
        try iam.authorize("iam:DeleteUserPolicy", resource: found.arn, context: context)
        let user = try found.modifiable()
        try await iam.identities.write { directory throws(IAMError) in
            guard var current = directory.iamUsers[user.arn] else { throw IAMError.noSuchUser(user.name) }
            current.inlinePolicies = try InlinePolicies.removing(input.policyName, from: current.inlinePolicies, ownerKind: "user")
            return ((), [.putUser(current)])
        }
        return DeleteUserPolicyResponse()
    }
}
