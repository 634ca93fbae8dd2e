import AWSWire
import ServiceCalls

extension ServiceDescriptor {
    /// AWS IAM: the query protocol, version 2010-05-08.
    public static func iam(_ iam: IdentityManagementService) -> ServiceDescriptor {
        ServiceDescriptor(
            name: AWSServiceName("iam"),
            protocols: [.query(AWSQueryProtocol(apiVersion: IAMServiceModel.apiVersion,
                                                xmlNamespace: IAMServiceModel.xmlNamespace))],
            operations: OperationRegistry(service: iam, operations: IAMOperationRegistry.operations,
                                          modelOperationNames: IAMServiceModel.operationNames),
            errors: ServiceErrors(
                status: { IAMErrorCode(rawValue: $0)?.httpStatusCode },
                internalError: AWSProtocolError(awsErrorType: IAMErrorCode.serviceFailure.rawValue,
                                                httpStatusCode: IAMErrorCode.serviceFailure.httpStatusCode,
                                                message: "An internal error occurred."),
                unsupportedOperation: { IAMError(code: "UnsupportedOperation", status: 400, "Arca does not support the \($0) operation yet.") }),
            auditAllowList: .iam)
    }
}

extension AuditAllowList {
    /// The free-text members of IAM a CloudTrail record keeps: names, ids, paths and policy
    /// documents; never a secret access key (sensitive in the model) or a password.
    public static let iam = AuditAllowList(textMembers: [
        "AccessKeyId", "Arn", "AssumeRolePolicyDocument", "DefaultVersionId", "Description", "Document", "GroupId",
        "GroupName", "Key", "Marker", "Path", "PathPrefix", "PermissionsBoundary", "PermissionsBoundaryArn", "PolicyArn",
        "PolicyDocument", "PolicyId", "PolicyName", "PolicyNames", "RoleId", "RoleName", "UserId", "UserName", "Value",
        "VersionId",
    ])
}
