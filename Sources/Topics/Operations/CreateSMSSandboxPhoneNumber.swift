import ServiceCalls

/// Adds a destination phone number to the SMS sandbox and sends it a one-time password.
public enum CreateSMSSandboxPhoneNumber: SNSOperation {
    public static let name = "CreateSMSSandboxPhoneNumber"

    public static func perform(_ input: CreateSMSSandboxPhoneNumberInput, context: CallContext,
                               service sns: TopicService) async throws -> CreateSMSSandboxPhoneNumberResult {
        try await sns.addSandboxNumber(input.phoneNumber, context: context)
        return CreateSMSSandboxPhoneNumberResult()
    }
}
