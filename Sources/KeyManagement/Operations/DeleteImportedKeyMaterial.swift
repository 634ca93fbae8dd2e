import ServiceCalls

/// Deletes the imported key material of a key: it becomes PendingImport and unusable until the
/// same material is imported again ("Deleting Imported Key Material", kms-developer-guide.md).
public enum DeleteImportedKeyMaterial: KMSOperation {
    public static let name = "DeleteImportedKeyMaterial"

    public static func perform(_ input: DeleteImportedKeyMaterialRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> DeleteImportedKeyMaterialResponse {
        let authorized = try kms.authorizedKey(input.keyId, accepting: .keyOnly, for: "kms:DeleteImportedKeyMaterial",
                                               context: context)
        try kms.requireExternalOrigin(authorized)
        let key = try await kms.ring.write { state throws(KMSError) in
            guard let key = state.keys[authorized.id] else { throw KMSError.keyNotFound(authorized.arn) }
            try key.state.require(.management, keyARN: key.arn)
            if let requested = input.keyMaterialId, requested != key.materialID(version: key.currentMaterialVersion) {
                throw KMSError(.notFound, "Key material \(requested) does not belong to \(key.arn).")
            }
            guard key.imported?.present == true else { return (key, []) }
            return (key, KeyLifecycle.materialDeleted(key).changes)
        }
        return DeleteImportedKeyMaterialResponse(keyId: key.arn,
                                                 keyMaterialId: key.imported.map { _ in key.materialID(version: key.currentMaterialVersion) })
    }
}
