import ServiceCalls

/// One SNS API operation: a ``ServiceOperation`` on the ``TopicService``.
///
/// Each operation lives in its own file named after it and is listed once in
/// ``SNSOperationRegistry``. Handlers throw ``SNSError``; they never pick HTTP statuses or build
/// responses.
public protocol SNSOperation: ServiceOperation where Service == TopicService {}

/// The one table from action to operation: every SNS operation Arca implements.
///
/// Operations of the service model that are not listed here answer `UnsupportedOperation` and
/// are marked as missing in the README's coverage table.
public enum SNSOperationRegistry {
    public static let operations: [any ServiceOperation<TopicService>.Type] = [
        AddPermission.self,
        CheckIfPhoneNumberIsOptedOut.self,
        ConfirmSubscription.self,
        CreatePlatformApplication.self,
        CreatePlatformEndpoint.self,
        CreateSMSSandboxPhoneNumber.self,
        CreateTopic.self,
        DeleteEndpoint.self,
        DeletePlatformApplication.self,
        DeleteSMSSandboxPhoneNumber.self,
        DeleteTopic.self,
        GetDataProtectionPolicy.self,
        GetEndpointAttributes.self,
        GetPlatformApplicationAttributes.self,
        GetSMSAttributes.self,
        GetSMSSandboxAccountStatus.self,
        GetSubscriptionAttributes.self,
        GetTopicAttributes.self,
        ListEndpointsByPlatformApplication.self,
        ListOriginationNumbers.self,
        ListPhoneNumbersOptedOut.self,
        ListPlatformApplications.self,
        ListSMSSandboxPhoneNumbers.self,
        ListSubscriptions.self,
        ListSubscriptionsByTopic.self,
        ListTagsForResource.self,
        ListTopics.self,
        OptInPhoneNumber.self,
        Publish.self,
        PublishBatch.self,
        PutDataProtectionPolicy.self,
        RemovePermission.self,
        SetEndpointAttributes.self,
        SetPlatformApplicationAttributes.self,
        SetSMSAttributes.self,
        SetSubscriptionAttributes.self,
        SetTopicAttributes.self,
        Subscribe.self,
        TagResource.self,
        Unsubscribe.self,
        UntagResource.self,
        VerifySMSSandboxPhoneNumber.self,
    ]
}
