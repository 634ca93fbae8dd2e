import ServiceCalls

/// Lists the grants of one key, optionally only one grant or one grantee's grants.
public enum ListGrants: KMSOperation {
    public static let name = "ListGrants"

    public static func perform(_ input: ListGrantsRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> ListGrantsResponse {
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOnly, for: "kms:ListGrants",
                                        conditions: KMSConditions().notForAWSResource, context: context)
        var grants = kms.ring.read { $0.grants[key.id] ?? [] }
        if let grantID = input.grantId { grants = [try kms.grant(grantID, of: key)] }
        if let grantee = input.granteePrincipal { grants = grants.filter { $0.granteePrincipal == grantee } }
        let (page, next) = try PageMarker.page(grants, limit: input.limit, defaultLimit: 50, marker: input.marker)
        return ListGrantsResponse(grants: page.map(\.listEntry), nextMarker: next, truncated: next != nil)
    }
}
