import ServiceCalls

/// Stores a topic's data protection policy.
public enum PutDataProtectionPolicy: SNSOperation {
    public static let name = "PutDataProtectionPolicy"

    public static func perform(_ input: PutDataProtectionPolicyInput, context: CallContext,
                               service sns: TopicService) async throws -> PutDataProtectionPolicyResponse {
        try await sns.putDataProtectionPolicy(arn: input.resourceArn, policy: input.dataProtectionPolicy, context: context)
        return PutDataProtectionPolicyResponse()
    }
}
