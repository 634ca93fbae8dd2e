import ServiceCalls

/// Lists the caller's topics in the region, 100 at a time.
public enum ListTopics: SNSOperation {
    public static let name = "ListTopics"

    public static func perform(_ input: ListTopicsInput, context: CallContext,
                               service sns: TopicService) async throws -> ListTopicsResponse {
        let page = try sns.listTopics(nextToken: input.nextToken, context: context)
        return ListTopicsResponse(topics: page.arns.map { Topic(topicArn: $0) }, nextToken: page.nextToken)
    }
}
