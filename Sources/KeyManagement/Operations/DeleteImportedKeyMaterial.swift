import ServiceCalls

/// Deletes imported key material: by default the current material, or the one `KeyMaterialId`
/// names. The key is unusable, PendingImport, until the same material is imported again; material
/// pending rotation is simply dropped (``KMSKey/deletingImportedMaterial(version:)``).
public enum DeleteImportedKeyMaterial: KMSOperation {
    public static let name = "DeleteImportedKeyMaterial"

    public static func perform(_ input: DeleteImportedKeyMaterialRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> DeleteImportedKeyMaterialResponse {
        let authorized = try kms.authorizedKey(input.keyId, accepting: .keyOnly, for: "kms:DeleteImportedKeyMaterial",
                                               context: context)
        try kms.requireExternalOrigin(authorized)
        let deleted = try await kms.ring.write { state throws(KMSError) in
            guard let key = state.keys[authorized.id] else { throw KMSError.keyNotFound(authorized.arn) }
            try key.state.require(.management, keyARN: key.arn)
            let version: UInt32
            if let requested = input.keyMaterialId {
                guard let material = key.importedMaterials.first(where: { key.materialID(version: $0.version) == requested }) else {
                    throw KMSError(.notFound, "Key material \(requested) does not belong to \(key.arn).")
                }
                version = material.version
            } else {
                version = key.currentMaterialVersion
            }
            guard let material = key.importedMaterial(version: version) else {
                return ((key: key, materialID: nil as String?), [])
            }
            let materialID = key.materialID(version: version)
            // Material pending rotation goes even where it is not imported (a replica that became
            // the primary may hold the previous primary's record of it); other absent material
            // has nothing left to delete.
            guard material.present || (version > key.currentMaterialVersion && !key.isReplica) else {
                return ((key: key, materialID: materialID), [])
            }
            let deletion = state.deletingImportedMaterial(version: version, of: key)
            return ((key: deletion.key, materialID: materialID), deletion.changes)
        }
        return DeleteImportedKeyMaterialResponse(keyId: deleted.key.arn, keyMaterialId: deleted.materialID)
    }
}
