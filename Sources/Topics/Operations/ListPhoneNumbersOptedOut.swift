import ServiceCalls

/// Lists the phone numbers that opted out of the account's SMS.
public enum ListPhoneNumbersOptedOut: SNSOperation {
    public static let name = "ListPhoneNumbersOptedOut"

    public static func perform(_ input: ListPhoneNumbersOptedOutInput, context: CallContext,
                               service sns: TopicService) async throws -> ListPhoneNumbersOptedOutResponse {
        ListPhoneNumbersOptedOutResponse(phoneNumbers: try sns.optedOutNumbers(context: context))
    }
}
