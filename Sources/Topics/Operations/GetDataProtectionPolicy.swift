import ServiceCalls

/// Answers a topic's data protection policy, as stored.
public enum GetDataProtectionPolicy: SNSOperation {
    public static let name = "GetDataProtectionPolicy"

    public static func perform(_ input: GetDataProtectionPolicyInput, context: CallContext,
                               service sns: TopicService) async throws -> GetDataProtectionPolicyResponse {
        GetDataProtectionPolicyResponse(dataProtectionPolicy: try sns.dataProtectionPolicy(arn: input.resourceArn, context: context))
    }
}
