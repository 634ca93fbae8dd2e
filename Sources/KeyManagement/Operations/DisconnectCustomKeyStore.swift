import ServiceCalls

/// DisconnectCustomKeyStore: no custom key store exists in Arca, so the one named is not found
/// (``KeyManagementService/refuseMissingCustomKeyStore(_:action:context:)``).
public enum DisconnectCustomKeyStore: KMSOperation {
    public static let name = "DisconnectCustomKeyStore"

    public static func perform(_ input: DisconnectCustomKeyStoreRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> DisconnectCustomKeyStoreResponse {
        try kms.refuseMissingCustomKeyStore(input.customKeyStoreId, action: "kms:DisconnectCustomKeyStore", context: context)
    }
}
