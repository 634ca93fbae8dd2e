import ServiceCalls

/// Verifies a sandbox phone number with the one-time password sent to it.
public enum VerifySMSSandboxPhoneNumber: SNSOperation {
    public static let name = "VerifySMSSandboxPhoneNumber"

    public static func perform(_ input: VerifySMSSandboxPhoneNumberInput, context: CallContext,
                               service sns: TopicService) async throws -> VerifySMSSandboxPhoneNumberResult {
        try await sns.verifySandboxNumber(input.phoneNumber, password: input.oneTimePassword, context: context)
        return VerifySMSSandboxPhoneNumberResult()
    }
}
