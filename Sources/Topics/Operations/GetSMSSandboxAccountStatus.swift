import ServiceCalls

/// Answers whether the account is in the SMS sandbox.
public enum GetSMSSandboxAccountStatus: SNSOperation {
    public static let name = "GetSMSSandboxAccountStatus"

    public static func perform(_ input: GetSMSSandboxAccountStatusInput, context: CallContext,
                               service sns: TopicService) async throws -> GetSMSSandboxAccountStatusResult {
        GetSMSSandboxAccountStatusResult(isInSandbox: try sns.isInSMSSandbox(context: context))
    }
}
