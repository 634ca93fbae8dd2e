import AWSWire
import ServiceCalls

extension ServiceDescriptor {
    /// AWS KMS: AWS JSON 1.1 with `X-Amz-Target: TrentService.<Operation>`, request quotas per
    /// account and region.
    public static func kms(_ kms: KeyManagementService, requestRates: RequestRateLimiter) -> ServiceDescriptor {
        ServiceDescriptor(
            name: AWSServiceName("kms"),
            protocols: [.awsJSON(AWSJSONProtocol(version: .v1_1, targetPrefix: KMSServiceModel.targetPrefix))],
            operations: OperationRegistry(service: kms, operations: KMSOperationRegistry.operations,
                                          modelOperationNames: KMSServiceModel.operationNames),
            errors: ServiceErrors(
                status: { KMSErrorCode(rawValue: $0)?.httpStatusCode },
                internalError: AWSProtocolError(
                    awsErrorType: KMSErrorCode.kmsInternal.rawValue, httpStatusCode: KMSErrorCode.kmsInternal.httpStatusCode,
                    message: "The request was rejected because an internal exception occurred. The request can be retried."),
                unsupportedOperation: { KMSError(.unsupportedOperation, "Arca does not support the \($0) operation yet.") }),
            auditAllowList: .kms,
            admission: requestRates)
    }
}

extension AuditAllowList {
    /// The free-text members of the KMS model a CloudTrail record keeps: identifiers, names,
    /// descriptions, policies, tags and encryption contexts ("the encryption context … appears in
    /// plaintext in AWS CloudTrail logs", AWS KMS Developer Guide). Never grant tokens.
    public static let kms = AuditAllowList(textMembers: [
        "AWSAccountId", "AliasArn", "AliasName", "Arn", "CloudHsmClusterId", "CloudTrailEventId", "CurrentKeyMaterialId",
        "CustomKeyStoreId", "CustomKeyStoreName", "Description", "DestinationEncryptionContext", "DestinationKeyId",
        "DestinationKeyMaterialId", "EncryptionContext", "EncryptionContextEquals", "EncryptionContextSubset", "GrantId",
        "GranteePrincipal", "Id", "IssuingAccount", "KeyArn", "KeyId", "KeyMaterialDescription", "KeyMaterialId",
        "KmsRequestId", "Marker", "Name", "NewCustomKeyStoreName", "NextMarker", "Policy", "PolicyName", "PolicyNames",
        "PrimaryRegion", "Region", "ReplicaPolicy", "ReplicaRegion", "RetiringPrincipal", "SourceEncryptionContext",
        "SourceKeyId", "SourceKeyMaterialId", "TagKey", "TagKeys", "TagValue", "TargetKeyId",
    ])
}

extension RequestRateLimiter: CallAdmission {
    /// "For cross-account requests, AWS KMS throttles the account that makes the requests": the
    /// caller's account and the call's region name the bucket.
    ///
    /// The operations whose quota depends on their key go on: they count themselves once the key
    /// is known (``KeyUseAdmission``), through the limiter the KMS was built with.
    public func admit(_ operation: String, context: CallContext) throws {
        if KMSRequestQuotas.keyDependentOperations.contains(operation) { return }
        try enforce(operation, account: context.account, region: context.region)
    }
}
