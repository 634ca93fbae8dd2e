import ServiceCalls

/// Answers whether a phone number opted out of the account's SMS.
public enum CheckIfPhoneNumberIsOptedOut: SNSOperation {
    public static let name = "CheckIfPhoneNumberIsOptedOut"

    public static func perform(_ input: CheckIfPhoneNumberIsOptedOutInput, context: CallContext,
                               service sns: TopicService) async throws -> CheckIfPhoneNumberIsOptedOutResponse {
        CheckIfPhoneNumberIsOptedOutResponse(isOptedOut: try sns.isOptedOut(input.phoneNumber, context: context))
    }
}
