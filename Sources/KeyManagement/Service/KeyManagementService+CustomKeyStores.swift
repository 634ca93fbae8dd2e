import ServiceCalls

/// Custom key stores: Arca keeps every key in its own store, so no AWS CloudHSM or external key
/// store exists in any account. The custom key store operations answer as AWS does in an account
/// that has none — an empty list, and `CustomKeyStoreNotFoundException` for any store named —
/// after the same IAM authorization ("Required permissions: kms:DescribeCustomKeyStores (IAM
/// policy)" and so on, KMS API reference).
extension KeyManagementService {
    /// Authorizes a custom key store operation, then refuses the store `id` names: it does not exist.
    func refuseMissingCustomKeyStore(_ id: String, action: String, context: CallContext) throws(KMSError) -> Never {
        try authorizeByIdentity(action, context: context)
        throw KMSError.customKeyStoreNotFound(id)
    }
}

extension KMSError {
    static func customKeyStoreNotFound(_ id: String) -> KMSError {
        KMSError(.customKeyStoreNotFound, "Custom key store \(id) does not exist.")
    }
}
