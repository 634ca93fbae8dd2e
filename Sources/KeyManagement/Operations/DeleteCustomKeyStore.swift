import ServiceCalls

/// DeleteCustomKeyStore: no custom key store exists in Arca, so the one named is not found
/// (``KeyManagementService/refuseMissingCustomKeyStore(_:action:context:)``).
public enum DeleteCustomKeyStore: KMSOperation {
    public static let name = "DeleteCustomKeyStore"

    public static func perform(_ input: DeleteCustomKeyStoreRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> DeleteCustomKeyStoreResponse {
        try kms.refuseMissingCustomKeyStore(input.customKeyStoreId, action: "kms:DeleteCustomKeyStore", context: context)
    }
}
