import ServiceCalls

/// Lists the keys of the caller's account in the request's region, in creation order.
public enum ListKeys: KMSOperation {
    public static let name = "ListKeys"

    public static func perform(_ input: ListKeysRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> ListKeysResponse {
        try kms.authorizeByIdentity("kms:ListKeys", context: context)
        let scope = context.scope
        let keys = kms.ring.read { state in
            (state.keyOrder[scope] ?? []).compactMap { state.keys[$0] }
        }
        let (page, next) = try PageMarker.page(keys, limit: input.limit, defaultLimit: 100, marker: input.marker)
        return ListKeysResponse(keys: page.map { KeyListEntry(keyId: $0.id.rawValue, keyArn: $0.arn) },
                                nextMarker: next, truncated: next != nil)
    }
}
