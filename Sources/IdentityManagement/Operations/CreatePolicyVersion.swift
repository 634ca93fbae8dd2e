import Identity
import ServiceCalls

/// Adds a version to a managed policy, optionally as the default; "A managed policy can have up to
/// five versions" (IAM API reference, CreatePolicyVersion).
public enum CreatePolicyVersion: IAMOperation {
    public static let name = "CreatePolicyVersion"

    public static func perform(_ input: CreatePolicyVersionRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> CreatePolicyVersionResponse {
        try iam.authorize("iam:CreatePolicyVersion", policyARN: input.policyArn, context: context)
        try ManagedPolicies.validate(input.policyDocument)
        let created = try await iam.identities.write { directory throws(IAMError) in
            var policy = try iam.modifiablePolicy(input.policyArn, in: directory, context: context)
            guard policy.versions.count < ManagedPolicies.versionLimit else {
                throw IAMError(.limitExceeded, "A managed policy can have up to \(ManagedPolicies.versionLimit) versions. "
                               + "Before you create a new version, you must delete an existing version.")
            }
            let version = IAMManagedPolicy.Version(id: "v\(policy.nextVersion)", document: input.policyDocument, createDate: iam.now())
            policy.versions.append(version)
            policy.nextVersion += 1
            policy.updateDate = version.createDate
            if input.setAsDefault == true { policy.defaultVersionID = version.id }
            return (policy.shape(of: version, withDocument: false), [.putPolicy(policy)])
        }
        return CreatePolicyVersionResponse(policyVersion: created)
    }
}
