import ServiceCalls

/// Lists the key materials of a symmetric encryption key, oldest first: by default those completed
/// rotations made current; with `IncludeKeyMaterial` ALL_KEY_MATERIAL also "the first key material
/// and any imported key material pending rotation" (KMS API reference, ListKeyRotations).
public enum ListKeyRotations: KMSOperation {
    public static let name = "ListKeyRotations"

    public static func perform(_ input: ListKeyRotationsRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> ListKeyRotationsResponse {
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOnly, for: "kms:ListKeyRotations", context: context)
        // Only symmetric encryption keys rotate; a replica lists the rotations it shares with its primary.
        guard key.keySpec == .symmetricDefault else { throw KMSError(.unsupportedOperation, "") }
        let everywhere = kms.ring.read { $0.pendingMaterialIsEverywhere(of: key) }
        let entries = key.materialEntries(includingAll: input.includeKeyMaterial == .allKeyMaterial,
                                          pendingEverywhere: everywhere)
        let (page, next) = try PageMarker.page(entries, limit: input.limit, defaultLimit: 100, marker: input.marker)
        return ListKeyRotationsResponse(rotations: Array(page), nextMarker: next, truncated: next != nil)
    }
}
