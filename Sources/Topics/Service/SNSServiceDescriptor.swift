import AWSWire
import ServiceCalls

extension ServiceDescriptor {
    /// Amazon SNS: the query protocol, version 2010-03-31 (`Action=CreateTopic&Version=2010-03-31`,
    /// form POSTed to `/`, answered in XML).
    public static func sns(_ sns: TopicService) -> ServiceDescriptor {
        ServiceDescriptor(
            name: AWSServiceName("sns"),
            protocols: [.query(AWSQueryProtocol(apiVersion: SNSServiceModel.apiVersion, xmlNamespace: SNSServiceModel.xmlNamespace))],
            operations: OperationRegistry(service: sns, operations: SNSOperationRegistry.operations,
                                          modelOperationNames: SNSServiceModel.operationNames),
            errors: ServiceErrors(
                status: { SNSErrorCode(rawValue: $0)?.httpStatusCode },
                internalError: AWSProtocolError(awsErrorType: SNSErrorCode.internalError.rawValue,
                                                httpStatusCode: SNSErrorCode.internalError.httpStatusCode,
                                                message: "Internal Error"),
                unsupportedOperation: {
                    AWSProtocolError(awsErrorType: "UnsupportedOperation", httpStatusCode: 400,
                                     message: "Arca does not support the \($0) operation yet.")
                }),
            auditAllowList: .sns)
    }
}

extension AuditAllowList {
    /// The free-text members of the SNS model a CloudTrail record keeps: topic names and ARNs,
    /// attributes (policies, delivery policies, key ids), tags, permission labels and data
    /// protection policies. Never a message, a subject or a message attribute value.
    public static let sns = AuditAllowList(textMembers: [
        "AWSAccountId", "ActionName", "AttributeName", "AttributeValue", "Attributes", "DataProtectionPolicy", "Key",
        "Label", "Name", "NextToken", "ResourceArn", "TagKeys", "Tags", "TopicArn", "Value",
    ])
}
