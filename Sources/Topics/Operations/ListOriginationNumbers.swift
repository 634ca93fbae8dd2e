import ServiceCalls

/// Lists the account's origination numbers: Arca has none.
public enum ListOriginationNumbers: SNSOperation {
    public static let name = "ListOriginationNumbers"

    public static func perform(_ input: ListOriginationNumbersRequest, context: CallContext,
                               service sns: TopicService) async throws -> ListOriginationNumbersResult {
        try sns.authorize("SNS:ListOriginationNumbers", resource: "*", policy: nil, context: context)
        return ListOriginationNumbersResult(phoneNumbers: [])
    }
}
