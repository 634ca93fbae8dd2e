import ServiceCalls

/// Allows other accounts some actions on a queue, as a labelled statement of its policy.
public enum AddPermission: SQSOperation {
    public static let name = "AddPermission"

    public static func perform(_ input: AddPermissionRequest, context: CallContext,
                               service sqs: QueueService) async throws -> AddPermissionResponse {
        try await sqs.addPermission(url: input.queueUrl, label: input.label, accounts: input.awsAccountIds,
                                    actions: input.actions, context: context)
        return AddPermissionResponse()
    }
}
