import Identity
import ServiceCalls

/// Attaches a customer managed policy to a user; it applies to the user's next request.
public enum AttachUserPolicy: IAMOperation {
    public static let name = "AttachUserPolicy"

    public static func perform(_ input: AttachUserPolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> AttachUserPolicyResponse {
        let found = try iam.user(named: input.userName, context: context)
        try iam.authorize("iam:AttachUserPolicy", resource: found.arn, context: context,
                          conditions: ["iam:policyarn": .single(input.policyArn)])
        try await iam.attachPolicy(input.policyArn, to: try found.modifiable(), context: context)
        return AttachUserPolicyResponse()
    }
}
