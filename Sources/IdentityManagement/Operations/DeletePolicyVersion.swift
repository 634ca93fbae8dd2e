import Identity
import ServiceCalls

/// Deletes a version of a managed policy other than its default.
public enum DeletePolicyVersion: IAMOperation {
    public static let name = "DeletePolicyVersion"

    public static func perform(_ input: DeletePolicyVersionRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> DeletePolicyVersionResponse {
        try iam.authorize("iam:DeletePolicyVersion", policyARN: input.policyArn, context: context)
        try await iam.identities.write { directory throws(IAMError) in
            var policy = try iam.modifiablePolicy(input.policyArn, in: directory, context: context)
            guard let index = policy.versions.firstIndex(where: { $0.id == input.versionId }) else {
                throw ManagedPolicies.versionNotFound(policy.arn, input.versionId)
            }
            guard input.versionId != policy.defaultVersionID else {
                throw IAMError(.deleteConflict, "Cannot delete the default version of a policy.")
            }
            policy.versions.remove(at: index)
            return ((), [.putPolicy(policy)])
        }
        return DeletePolicyVersionResponse()
    }
}
