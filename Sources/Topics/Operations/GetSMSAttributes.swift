import ServiceCalls

/// Answers the account's SMS attributes in the region.
public enum GetSMSAttributes: SNSOperation {
    public static let name = "GetSMSAttributes"

    public static func perform(_ input: GetSMSAttributesInput, context: CallContext,
                               service sns: TopicService) async throws -> GetSMSAttributesResponse {
        GetSMSAttributesResponse(attributes: try sns.smsAttributes(named: input.attributes, context: context))
    }
}
