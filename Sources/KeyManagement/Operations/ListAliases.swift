import ServiceCalls

/// Lists the aliases of the caller's account and region, optionally only those of one key.
public enum ListAliases: KMSOperation {
    public static let name = "ListAliases"

    public static func perform(_ input: ListAliasesRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> ListAliasesResponse {
        try kms.authorizeByIdentity("kms:ListAliases", context: context)
        let scope = context.scope
        let keyID = try input.keyId.map { id throws(KMSError) in try kms.resolveKey(id, accepting: .keyOnly, context: context).id }
        let aliases = kms.ring.read { state in
            (state.aliases[scope] ?? [:]).values
                .filter { keyID == nil || $0.targetKeyID == keyID }
                .sorted { $0.name.rawValue < $1.name.rawValue }
        }
        let (page, next) = try PageMarker.page(aliases, limit: input.limit, defaultLimit: 50, marker: input.marker)
        return ListAliasesResponse(aliases: page.map(\.listEntry), nextMarker: next, truncated: next != nil)
    }
}
