import ServiceCalls

/// UpdateCustomKeyStore: no custom key store exists in Arca, so the one named is not found
/// (``KeyManagementService/refuseMissingCustomKeyStore(_:action:context:)``).
public enum UpdateCustomKeyStore: KMSOperation {
    public static let name = "UpdateCustomKeyStore"

    public static func perform(_ input: UpdateCustomKeyStoreRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> UpdateCustomKeyStoreResponse {
        try kms.refuseMissingCustomKeyStore(input.customKeyStoreId, action: "kms:UpdateCustomKeyStore", context: context)
    }
}
