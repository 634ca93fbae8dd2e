import Identity
import ServiceCalls

/// Returns a customer managed policy's metadata; GetPolicyVersion returns its document.
public enum GetPolicy: IAMOperation {
    public static let name = "GetPolicy"

    public static func perform(_ input: GetPolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> GetPolicyResponse {
        try iam.authorize("iam:GetPolicy", policyARN: input.policyArn, context: context)
        let directory = iam.identities.current
        let policy = try iam.managedPolicy(input.policyArn, in: directory, context: context)
        return GetPolicyResponse(policy: policy.shape(attachmentCount: iam.attachmentCount(of: policy.arn, in: directory)))
    }
}
