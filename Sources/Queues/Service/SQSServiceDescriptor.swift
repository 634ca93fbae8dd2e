import AWSWire
import ServiceCalls

extension ServiceDescriptor {
    /// Amazon SQS: AWS JSON 1.0 with `X-Amz-Target: AmazonSQS.<Operation>` and query-compatible
    /// errors (`__type` plus `x-amzn-query-error: <Code>;Sender`), and the query protocol its
    /// older SDKs speak (`Action=SendMessage&Version=2012-11-05`, to `/` or to the queue's URL).
    public static func sqs(_ sqs: QueueService) -> ServiceDescriptor {
        ServiceDescriptor(
            name: AWSServiceName("sqs"),
            protocols: [.awsJSON(AWSJSONProtocol(version: .v1_0, targetPrefix: SQSServiceModel.targetPrefix,
                                                 queryCompatibleErrors: true)),
                        .query(AWSQueryProtocol(apiVersion: SQSServiceModel.apiVersion, xmlNamespace: SQSServiceModel.xmlNamespace))],
            operations: OperationRegistry(service: sqs, operations: SQSOperationRegistry.operations,
                                          modelOperationNames: SQSServiceModel.operationNames,
                                          unreadable: SQSError.unreadable),
            errors: ServiceErrors(
                status: { SQSErrorCode(rawValue: $0)?.httpStatusCode },
                internalError: AWSProtocolError(awsErrorType: SQSErrorCode.internalError.rawValue,
                                                httpStatusCode: SQSErrorCode.internalError.httpStatusCode,
                                                message: "We encountered an internal error. Please try again."),
                unsupportedOperation: { SQSError(.unsupportedOperation, "Arca does not support the \($0) operation yet.") }),
            auditAllowList: .sqs,
            maximumRequestBodySize: maximumRequestBodySize,
            resourceURLParameter: "QueueUrl")
    }

    /// A message of 1 MiB, the largest SQS takes, as a request: JSON escapes a character of the
    /// body in up to three times its UTF-8 bytes (`\uXXXX`, a surrogate pair for four bytes), form
    /// encoding in three (`%XX`), and the attributes count toward the megabyte too.
    static let maximumRequestBodySize = 4 << 20
}

extension AuditAllowList {
    /// The free-text members of the SQS model a CloudTrail record keeps: queue names and URLs,
    /// attributes (policies, redrive policies, key ids), tags and permission labels. Never a
    /// message body or a message attribute value.
    public static let sqs = AuditAllowList(textMembers: [
        "AWSAccountIds", "Actions", "AttributeNames", "Attributes", "Label", "QueueName", "QueueNamePrefix",
        "QueueOwnerAWSAccountId", "QueueUrl", "QueueUrls", "TagKeys", "Tags", "tags",
    ])
}
