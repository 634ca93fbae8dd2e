import ServiceCalls

/// DescribeCustomKeyStores: the account's custom key stores, of which Arca has none — an empty
/// list, or `CustomKeyStoreNotFoundException` for a store named by id or name.
public enum DescribeCustomKeyStores: KMSOperation {
    public static let name = "DescribeCustomKeyStores"

    public static func perform(_ input: DescribeCustomKeyStoresRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> DescribeCustomKeyStoresResponse {
        if input.customKeyStoreId != nil, input.customKeyStoreName != nil {
            throw KMSError(.validation, "Specify either CustomKeyStoreId or CustomKeyStoreName, not both.")
        }
        if let named = input.customKeyStoreId ?? input.customKeyStoreName {
            try kms.refuseMissingCustomKeyStore(named, action: "kms:DescribeCustomKeyStores", context: context)
        }
        try kms.authorizeByIdentity("kms:DescribeCustomKeyStores", context: context)
        let (page, next) = try PageMarker.page([CustomKeyStoresListEntry](), limit: input.limit, defaultLimit: 100,
                                               marker: input.marker)
        return DescribeCustomKeyStoresResponse(customKeyStores: Array(page), nextMarker: next, truncated: next != nil)
    }
}
