import ServiceCalls

/// Lists the names of a key's policies: always just `default`.
public enum ListKeyPolicies: KMSOperation {
    public static let name = "ListKeyPolicies"

    public static func perform(_ input: ListKeyPoliciesRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> ListKeyPoliciesResponse {
        _ = try kms.authorizedKey(input.keyId, accepting: .keyOnly, for: "kms:ListKeyPolicies", context: context)
        let (page, next) = try PageMarker.page([DefaultKeyPolicy.name], limit: input.limit, defaultLimit: 100,
                                               marker: input.marker)
        return ListKeyPoliciesResponse(policyNames: Array(page), nextMarker: next, truncated: next != nil)
    }
}
