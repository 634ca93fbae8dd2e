import AWSWire
import ServiceCalls

extension ServiceDescriptor {
    /// AWS CloudTrail's API over the audit trail: AWS JSON 1.1.
    public static func cloudTrail(_ trail: AuditTrail) -> ServiceDescriptor {
        ServiceDescriptor(
            name: AWSServiceName("cloudtrail"),
            protocols: [.awsJSON(AWSJSONProtocol(version: .v1_1, targetPrefix: CloudTrailServiceModel.targetPrefix))],
            operations: OperationRegistry(service: trail, operations: CloudTrailOperationRegistry.operations,
                                          modelOperationNames: CloudTrailServiceModel.operationNames),
            errors: ServiceErrors(
                status: { CloudTrailErrorCode(rawValue: $0)?.httpStatusCode },
                internalError: AWSProtocolError(awsErrorType: "InternalFailure", httpStatusCode: 500,
                                                message: "An internal error occurred."),
                unsupportedOperation: { CloudTrailError(.unsupportedOperation, "Arca does not support the \($0) operation yet.") }),
            auditAllowList: .cloudTrail)
    }
}

extension AuditAllowList {
    /// The free-text members of LookupEvents and ListPublicKeys a record keeps: the lookup
    /// attributes and paging, never the events themselves.
    public static let cloudTrail = AuditAllowList(textMembers: [
        "AttributeKey", "AttributeValue", "NextToken",
    ])
}
