import Identity
import ServiceCalls

/// Attaches a customer managed policy to a group; it applies to every member's next request.
public enum AttachGroupPolicy: IAMOperation {
    public static let name = "AttachGroupPolicy"

    public static func perform(_ input: AttachGroupPolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> AttachGroupPolicyResponse {
        let found = try iam.group(named: input.groupName, context: context)
        try iam.authorize("iam:AttachGroupPolicy", resource: found.arn, context: context,
                          conditions: ["iam:policyarn": .single(input.policyArn)])
        try await iam.attachPolicy(input.policyArn, to: try iam.modifiable(found), context: context)
        return AttachGroupPolicyResponse()
    }
}
