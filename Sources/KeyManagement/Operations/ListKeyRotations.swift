import ServiceCalls

/// Lists the completed rotations of a key, oldest first, with the backing key each made current.
public enum ListKeyRotations: KMSOperation {
    public static let name = "ListKeyRotations"

    public static func perform(_ input: ListKeyRotationsRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> ListKeyRotationsResponse {
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOnly, for: "kms:ListKeyRotations", context: context)
        // Only symmetric encryption keys rotate; a replica lists the rotations it shares with its primary.
        guard key.keySpec == .symmetricDefault else { throw KMSError(.unsupportedOperation, "") }
        let entries = key.rotations.map { rotation in
            RotationsListEntry(keyId: key.arn, keyMaterialId: key.materialID(version: rotation.materialVersion),
                               rotationDate: rotation.date, rotationType: rotation.type)
        }
        let (page, next) = try PageMarker.page(entries, limit: input.limit, defaultLimit: 100, marker: input.marker)
        return ListKeyRotationsResponse(rotations: Array(page), nextMarker: next, truncated: next != nil)
    }
}
