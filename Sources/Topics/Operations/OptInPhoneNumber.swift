import ServiceCalls

/// Opts a phone number back in to the account's SMS.
public enum OptInPhoneNumber: SNSOperation {
    public static let name = "OptInPhoneNumber"

    public static func perform(_ input: OptInPhoneNumberInput, context: CallContext,
                               service sns: TopicService) async throws -> OptInPhoneNumberResponse {
        try sns.optIn(input.phoneNumber, context: context)
        return OptInPhoneNumberResponse()
    }
}
