import ServiceCalls

/// Removes the statement AddPermission made under a label.
public enum RemovePermission: SQSOperation {
    public static let name = "RemovePermission"

    public static func perform(_ input: RemovePermissionRequest, context: CallContext,
                               service sqs: QueueService) async throws -> RemovePermissionResponse {
        try await sqs.removePermission(url: input.queueUrl, label: input.label, context: context)
        return RemovePermissionResponse()
    }
}
