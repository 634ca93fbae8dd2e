import ServiceCalls

/// Lists the grants in the request's region whose retiring principal is the one named, on keys
/// of any account.
///
/// "KMS authorizes ListRetirableGrants requests by evaluating the caller account's
/// kms:ListRetirableGrants permissions. The authorized resource in ListRetirableGrants calls is
/// the retiring principal specified in the request." (KMS API reference)
public enum ListRetirableGrants: KMSOperation {
    public static let name = "ListRetirableGrants"

    public static func perform(_ input: ListRetirableGrantsRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> ListGrantsResponse {
        let principal = input.retiringPrincipal
        try kms.authorizeByIdentity("kms:ListRetirableGrants", resource: principal, context: context)
        try kms.requireOwnAccount(principal, for: "kms:ListRetirableGrants", context: context)
        let region = context.region
        let grants = kms.ring.read { state in
            state.grants.values.joined()
                .filter { $0.scope.region == region && $0.retiringPrincipal == principal }
                .sorted { ($0.creationDate, $0.id.rawValue) < ($1.creationDate, $1.id.rawValue) }
        }
        let (page, next) = try PageMarker.page(grants, limit: input.limit, defaultLimit: 50, marker: input.marker)
        return ListGrantsResponse(grants: page.map(\.listEntry), nextMarker: next, truncated: next != nil)
    }
}
