import ServiceCalls

/// ConnectCustomKeyStore: no custom key store exists in Arca, so the one named is not found
/// (``KeyManagementService/refuseMissingCustomKeyStore(_:action:context:)``).
public enum ConnectCustomKeyStore: KMSOperation {
    public static let name = "ConnectCustomKeyStore"

    public static func perform(_ input: ConnectCustomKeyStoreRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> ConnectCustomKeyStoreResponse {
        try kms.refuseMissingCustomKeyStore(input.customKeyStoreId, action: "kms:ConnectCustomKeyStore", context: context)
    }
}
