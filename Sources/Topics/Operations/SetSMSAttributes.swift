import ServiceCalls

/// Sets the account's SMS attributes in the region.
public enum SetSMSAttributes: SNSOperation {
    public static let name = "SetSMSAttributes"

    public static func perform(_ input: SetSMSAttributesInput, context: CallContext,
                               service sns: TopicService) async throws -> SetSMSAttributesResponse {
        try await sns.setSMSAttributes(input.attributes, context: context)
        return SetSMSAttributesResponse()
    }
}
