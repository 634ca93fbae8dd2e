import Identity
import ServiceCalls

/// Detaches a managed policy from a user; it stops applying with the user's next request.
public enum DetachUserPolicy: IAMOperation {
    public static let name = "DetachUserPolicy"

    public static func perform(_ input: DetachUserPolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> DetachUserPolicyResponse {
        let found = try iam.user(named: input.userName, context: context)
        try iam.authorize("iam:DetachUserPolicy", resource: found.arn, context: context,
                          conditions: ["iam:policyarn": .single(input.policyArn)])
        try await iam.detachPolicy(input.policyArn, from: try found.modifiable())
        return DetachUserPolicyResponse()
    }
}
