import Identity
import ServiceCalls

/// Deletes an inline policy of a group; its members lose it with their next request.
public enum DeleteGroupPolicy: IAMOperation {
    public static let name = "DeleteGroupPolicy"

    public static func perform(_ input: DeleteGroupPolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> DeleteGroupPolicyResponse {
        let group = try iam.group(named: input.groupName, context: context)
        try iam.authorize("iam:DeleteGroupPolicy", resource: group.arn, context: context)
        try await iam.deleteInlinePolicy(input.policyName, from: try iam.modifiable(group))
        return DeleteGroupPolicyResponse()
    }
}
