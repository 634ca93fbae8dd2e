import Identity
import ServiceCalls

/// Deletes a customer managed policy that is attached to nothing and has no version but its default.
///
/// "Before you can delete a managed policy, you must first detach the policy from all users,
/// groups, and roles that it is attached to. In addition, you must delete all the policy's
/// versions" (IAM API reference, DeletePolicy).
public enum DeletePolicy: IAMOperation {
    public static let name = "DeletePolicy"

    public static func perform(_ input: DeletePolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> DeletePolicyResponse {
        try iam.authorize("iam:DeletePolicy", policyARN: input.policyArn, context: context)
        try await iam.identities.write { directory throws(IAMError) in
            let policy = try iam.modifiablePolicy(input.policyArn, in: directory, context: context)
            guard iam.attachmentCount(of: policy.arn, in: directory) == 0 else {
                throw IAMError(.deleteConflict, "Cannot delete a policy attached to entities.")
            }
            guard policy.versions.count == 1 else {
                throw IAMError(.deleteConflict, "This policy has more than one version. Before you delete a policy, "
                               + "you must delete the policy's versions. The default version is deleted with the policy.")
            }
            return ((), [.deletePolicy(policy)])
        }
        return DeletePolicyResponse()
    }
}
