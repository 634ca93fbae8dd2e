import AWSWire
import Identity
import ServiceCalls

extension ServiceDescriptor {
    /// AWS STS: the query protocol, version 2011-06-15.
    public static func sts(_ sts: SecurityTokenService) -> ServiceDescriptor {
        ServiceDescriptor(
            name: AWSServiceName("sts"),
            protocols: [.query(AWSQueryProtocol(apiVersion: STSServiceModel.apiVersion,
                                                xmlNamespace: STSServiceModel.xmlNamespace))],
            operations: OperationRegistry(service: sts, operations: STSOperationRegistry.operations,
                                          modelOperationNames: STSServiceModel.operationNames),
            errors: ServiceErrors(
                status: { STSErrorCode(rawValue: $0)?.httpStatusCode },
                internalError: AWSProtocolError(awsErrorType: STSErrorCode.internalFailure.rawValue,
                                                httpStatusCode: STSErrorCode.internalFailure.httpStatusCode,
                                                message: "An internal error occurred."),
                unsupportedOperation: { STSError("UnsupportedOperation", "Arca does not support the \($0) operation yet.") }),
            auditAllowList: .sts)
    }
}

extension AuditAllowList {
    /// The free-text members of STS a CloudTrail record keeps: who assumed what, never a token.
    public static let sts = AuditAllowList(textMembers: [
        "AccessKeyId", "Account", "Arn", "AssumedRoleId", "RoleArn", "RoleSessionName", "SourceIdentity", "UserId",
    ])
}
