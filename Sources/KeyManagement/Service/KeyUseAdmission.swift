import ServiceCalls

/// Admits a request once the key it uses is known: the request quotas of Encrypt, Decrypt,
/// ReEncrypt, Sign, Verify, DeriveSharedSecret and GenerateDataKeyPair depend on the type of key
/// (``KMSRequestQuotas/keyDependentOperations``), which call admission, running before the
/// operation, cannot know.
///
/// The server injects its ``RequestRateLimiter``, the same one its KMS descriptor admits the other
/// operations with; without one, these operations are not throttled.
public protocol KeyUseAdmission: Sendable {
    /// Throws `ThrottlingException` when `use` ("Encrypt" with a symmetric key, "Sign (RSA)",
    /// ``KMSRequestQuotas/use(_:with:)``) is over its quota in the caller's account and the
    /// request's region.
    func admitKeyUse(_ use: String, context: CallContext) throws(KMSError)
}

extension RequestRateLimiter: KeyUseAdmission {
    /// "For cross-account requests, AWS KMS throttles the account that makes the requests", as for
    /// every other operation.
    public func admitKeyUse(_ use: String, context: CallContext) throws(KMSError) {
        guard admit(use, account: context.account, region: context.region) else { throw .throttled }
    }
}

extension KMSError {
    /// ``KMSRequestQuotas/throttled`` as a KMS error, for the operations that are throttled once
    /// their key is known: the same type, status and message.
    static let throttled = KMSError(.throttling, KMSRequestQuotas.throttled.message)
}

extension KeyManagementService {
    /// Counts a request of `operation` with `key` against the quota of the key's type.
    ///
    /// - Important: call it right after the key is resolved and authorized, before the key's
    ///   state, the algorithm or `DryRun` is checked: a request those refuse still counts, as it
    ///   would at admission.
    func admitUse(of key: KMSKey, by operation: String, context: CallContext) throws(KMSError) {
        try keyUseAdmission?.admitKeyUse(KMSRequestQuotas.use(operation, with: key.keySpec.quotaType), context: context)
    }

    /// Counts a GenerateDataKeyPair(WithoutPlaintext) of `spec` against the quota of that spec.
    func admitDataKeyPair(_ spec: DataKeyPairSpec, by operation: String, context: CallContext) throws(KMSError) {
        try keyUseAdmission?.admitKeyUse(KMSRequestQuotas.use(operation, generating: spec), context: context)
    }
}
