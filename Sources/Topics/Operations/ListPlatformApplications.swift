import ServiceCalls

/// Lists the caller's platform applications in the region, 100 at a time.
public enum ListPlatformApplications: SNSOperation {
    public static let name = "ListPlatformApplications"

    public static func perform(_ input: ListPlatformApplicationsInput, context: CallContext,
                               service sns: TopicService) async throws -> ListPlatformApplicationsResponse {
        let (page, token) = try sns.applications(nextToken: input.nextToken, context: context)
        return ListPlatformApplicationsResponse(platformApplications: page.map {
            PlatformApplication(platformApplicationArn: $0.arn, attributes: $0.reportedAttributes)
        }, nextToken: token)
    }
}
