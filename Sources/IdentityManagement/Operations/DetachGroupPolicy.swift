import Identity
import ServiceCalls

/// Detaches a managed policy from a group; it stops applying with every member's next request.
public enum DetachGroupPolicy: IAMOperation {
    public static let name = "DetachGroupPolicy"

    public static func perform(_ input: DetachGroupPolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> DetachGroupPolicyResponse {
        let found = try iam.group(named: input.groupName, context: context)
        try iam.authorize("iam:DetachGroupPolicy", resource: found.arn, context: context,
                          conditions: ["iam:policyarn": .single(input.policyArn)])
        try await iam.detachPolicy(input.policyArn, from: try iam.modifiable(found))
        return DetachGroupPolicyResponse()
    }
}
