import ServiceCalls

/// Lists the SMS sandbox's phone numbers and whether each is verified.
public enum ListSMSSandboxPhoneNumbers: SNSOperation {
    public static let name = "ListSMSSandboxPhoneNumbers"

    public static func perform(_ input: ListSMSSandboxPhoneNumbersInput, context: CallContext,
                               service sns: TopicService) async throws -> ListSMSSandboxPhoneNumbersResult {
        ListSMSSandboxPhoneNumbersResult(phoneNumbers: try sns.sandboxNumbers(context: context).map {
            SMSSandboxPhoneNumber(phoneNumber: $0.number, status: SMSSandboxPhoneNumberVerificationStatus(rawValue: $0.status))
        })
    }
}
