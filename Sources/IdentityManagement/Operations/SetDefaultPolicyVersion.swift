import Identity
import ServiceCalls

/// Makes a version the one in force; every holder of the policy gets it with its next request.
public enum SetDefaultPolicyVersion: IAMOperation {
    public static let name = "SetDefaultPolicyVersion"

    public static func perform(_ input: SetDefaultPolicyVersionRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> SetDefaultPolicyVersionResponse {
        try iam.authorize("iam:SetDefaultPolicyVersion", policyARN: input.policyArn, context: context)
        try await iam.identities.write { directory throws(IAMError) in
            var policy = try iam.modifiablePolicy(input.policyArn, in: directory, context: context)
            guard policy.versions.contains(where: { $0.id == input.versionId }) else {
                throw ManagedPolicies.versionNotFound(policy.arn, input.versionId)
            }
            policy.defaultVersionID = input.versionId
            return ((), [.putPolicy(policy)])
        }
        return SetDefaultPolicyVersionResponse()
    }
}
