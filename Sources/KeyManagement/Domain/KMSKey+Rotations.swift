/// The backing key versions of a key as ListKeyRotations reports them.
extension KMSKey {
    /// One entry per backing key version, oldest first. "KMS uses CURRENT key material for both
    /// encryption and decryption and NON_CURRENT key material only for decryption"; the import
    /// fields are "only present for symmetric encryption KMS keys with EXTERNAL origin", and the
    /// rotation fields are absent "for the first key material or an imported key material in
    /// PENDING_ROTATION state" (KMS API reference, RotationsListEntry). Material pending rotation
    /// that some copy of a multi-Region key lacks is PENDING_MULTI_REGION_IMPORT_AND_ROTATION.
    func materialEntries(includingAll: Bool, pendingEverywhere: Bool) -> [RotationsListEntry] {
        let rotationsByVersion = Dictionary(rotations.map { ($0.materialVersion, $0) }, uniquingKeysWith: { $1 })
        let versions: [UInt32] = origin == .external
            ? importedMaterials.map(\.version).sorted()
            : Array((rotations.first.map { max($0.materialVersion, 1) - 1 } ?? currentMaterialVersion)...currentMaterialVersion)
        return versions.compactMap { version in
            let rotation = rotationsByVersion[version]
            guard includingAll || rotation != nil else { return nil }
            let imported = importedMaterial(version: version)
            let state: KeyMaterialState = version == currentMaterialVersion ? .current
                : version < currentMaterialVersion ? .nonCurrent
                : pendingEverywhere ? .pendingRotation : .pendingMultiRegionImportAndRotation
            return RotationsListEntry(
                keyId: arn, keyMaterialId: materialID(version: version),
                keyMaterialDescription: imported?.description,
                importState: imported.map { $0.present ? .imported : .pendingImport },
                keyMaterialState: state, expirationModel: imported?.expirationModel, validTo: imported?.validTo,
                rotationDate: rotation?.date, rotationType: rotation?.type)
        }
    }
}
