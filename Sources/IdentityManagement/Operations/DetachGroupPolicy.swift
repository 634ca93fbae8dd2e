import Identity

/// Detaches a managed policy from a group; it stops applying with every member's next request.
public enum DetachGroupPolicy: IAMOperation {
    public static let name = "DetachGroupPolicy"

    public static func handle(_ input: DetachGroupPolicyRequest, context: IAMRequestContext,
                              iam: IdentityManagementService) async throws -> DetachGroupPolicyResponse {
        let found = try iam.group(named: input.groupName, context: context)
        try iam.authorize("iam:DetachGroupPolicy", resource: found.arn, context: context,
                          conditions: ["iam:policyarn": .single(input.policyArn)])
        try await iam.detachPolicy(input.policyArn, from: try iam.modifiable(found))
        return DetachGroupPolicyResponse()
    }
}
