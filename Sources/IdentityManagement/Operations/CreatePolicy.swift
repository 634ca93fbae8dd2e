import Identity
import ServiceCalls

/// Creates a customer managed policy with its first version, `v1`, as the default.
public enum CreatePolicy: IAMOperation {
    public static let name = "CreatePolicy"

    public static func perform(_ input: CreatePolicyRequest, context: CallContext,
                               service iam: IdentityManagementService) async throws -> CreatePolicyResponse {
        let path = input.path ?? "/"
        if input.tags != nil { throw IAMError.unsupported("Tags on policies") }
        let policy = IAMManagedPolicy(account: context.account, name: input.policyName, path: path,
                                      policyID: iam.newID(prefix: "ANPA", length: 17), description: input.description,
                                      document: input.policyDocument, createDate: iam.now())
        try iam.authorize("iam:CreatePolicy", resource: policy.arn, context: context)
        try ManagedPolicies.validate(input.policyDocument)
        try await iam.identities.write { directory throws(IAMError) in
            guard directory.arn(of: .policy, named: input.policyName, in: context.account) == nil else {
                throw IAMError(.entityAlreadyExists,
                               "A policy called \(input.policyName) already exists. Duplicate names are not allowed.")
            }
            return ((), [.putPolicy(policy)])
        }
        return CreatePolicyResponse(policy: policy.shape(attachmentCount: 0))
    }
}
