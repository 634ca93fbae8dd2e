import ServiceCalls

/// Removes a phone number from the SMS sandbox.
public enum DeleteSMSSandboxPhoneNumber: SNSOperation {
    public static let name = "DeleteSMSSandboxPhoneNumber"

    public static func perform(_ input: DeleteSMSSandboxPhoneNumberInput, context: CallContext,
                               service sns: TopicService) async throws -> DeleteSMSSandboxPhoneNumberResult {
        try await sns.deleteSandboxNumber(input.phoneNumber, context: context)
        return DeleteSMSSandboxPhoneNumberResult()
    }
}
