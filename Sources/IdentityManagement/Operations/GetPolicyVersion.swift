import Identity
import ServiceCalls

/// Returns one version of a managed policy with its document, URL-encoded.
public enum GetPolicyVersion: IAMOperation {
    public static let name = "GetPolicyVersion"

    public static func perform(_ input: GetPolicyVersionRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> GetPolicyVersionResponse {
        try iam.authorize("iam:GetPolicyVersion", policyARN: input.policyArn, context: context)
        let policy = try iam.managedPolicy(input.policyArn, context: context)
        guard let version = policy.versions.first(where: { $0.id == input.versionId }) else {
            throw ManagedPolicies.versionNotFound(policy.arn, input.versionId)
        }
        return GetPolicyVersionResponse(policyVersion: policy.shape(of: version, withDocument: true))
    }
}
