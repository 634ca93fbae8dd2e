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
            guard var current = directory.iamUsers[user.arn],
                  let index = current.inlinePolicies.firstIndex(where: { $0.name == input.policyName }) else {
                throw IAMError(.noSuchEntity, "The user policy with name \(input.policyName) cannot be found.")
            }
            current.inlinePolicies.remove(at: index)
            return ((), [.putUser(current)])
        }
        return DeleteUserPolicyResponse()
    }
}
