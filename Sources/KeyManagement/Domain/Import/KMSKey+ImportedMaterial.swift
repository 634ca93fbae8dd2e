import Foundation

/// One ImportKeyMaterial request, once its material is unwrapped and fingerprinted.
struct MaterialImport: Sendable {
    var fingerprint: String
    var type: ImportType?
    var keyMaterialId: String?
    var description: String?
    var expirationModel: ExpirationModelType
    var validTo: Date?

    /// What an import did to a key.
    struct Outcome {
        var key: KMSKey
        /// The record of the material imported.
        var material: ImportedKeyMaterial
        /// True when the material was not present, so its backing key version must be stored.
        var storesMaterial: Bool
        /// True when the key did not know the material before (ImportType NEW_KEY_MATERIAL).
        var isNew: Bool
    }
}

extension KMSKey {
    /// The imported material of backing key version `version`.
    func importedMaterial(version: UInt32) -> ImportedKeyMaterial? {
        importedMaterials.first { $0.version == version }
    }

    /// The imported materials permanently associated with the key: the first one and each one a
    /// rotation made current.
    var associatedMaterials: [ImportedKeyMaterial] {
        importedMaterials.filter { $0.version <= currentMaterialVersion }
    }

    /// Material imported for the next on-demand rotation: "Key material in PENDING_ROTATION state
    /// is not permanently associated with the KMS key. You can delete this key material and import
    /// different key material in its place." (KMS API reference, RotationsListEntry)
    var pendingMaterial: ImportedKeyMaterial? {
        importedMaterials.first { $0.version > currentMaterialVersion }
    }

    /// "For symmetric encryption keys, you will need to import all of the key materials associated
    /// with the KMS key to change its state to Enabled." (KMS API reference, ImportKeyMaterial)
    var hasAllImportedMaterial: Bool {
        associatedMaterials.allSatisfy(\.present)
    }

    /// KeyMetadata's `ValidTo`: "The earliest time at which any imported key material permanently
    /// associated with this KMS key expires" (KMS API reference).
    public var importedMaterialValidTo: Date? {
        associatedMaterials.filter(\.present).compactMap(\.validTo).min()
    }

    /// KeyMetadata's `ExpirationModel`: whether the key's material expires, while it has any.
    var importedExpirationModel: ExpirationModelType? {
        let present = associatedMaterials.filter(\.present)
        guard !present.isEmpty else { return nil }
        return present.contains { $0.expirationModel == .keyMaterialExpires } ? .keyMaterialExpires : .keyMaterialDoesNotExpire
    }

    /// The key after an ImportKeyMaterial request, with the material's record.
    ///
    /// "If no key material has ever been imported into the KMS key, and this parameter is omitted,
    /// the parameter defaults to NEW_KEY_MATERIAL. After the first key material is imported, if this
    /// parameter is omitted then the parameter defaults to EXISTING_KEY_MATERIAL." New material
    /// after the first waits, PENDING_ROTATION, for RotateKeyOnDemand; only symmetric encryption
    /// keys take more than one ("For asymmetric and HMAC keys, you cannot change the key material
    /// after the initial import"). Reimported material is found by its fingerprint; a `KeyMaterialId`
    /// must name that same material. A multi-Region key takes new material in its primary only:
    /// "Then you can import the same key material into the replica Region keys. You cannot directly
    /// import new key material into the replica Region keys." (KMS API reference, ImportKeyMaterial)
    func importing(_ request: MaterialImport) throws(KMSError) -> MaterialImport.Outcome {
        // "This parameter is optional and only usable with symmetric encryption keys" (KMS API
        // reference, ImportKeyMaterial: ImportType, KeyMaterialDescription, KeyMaterialId).
        if keySpec != .symmetricDefault, request.type != nil || request.keyMaterialId != nil || request.description != nil {
            throw KMSError(.validation, "ImportType, KeyMaterialId and KeyMaterialDescription are only valid for symmetric encryption keys.")
        }
        var key = self
        switch request.type ?? (importedMaterials.isEmpty ? .newKeyMaterial : .existingKeyMaterial) {
        case .newKeyMaterial:
            if request.keyMaterialId != nil {
                throw KMSError(.validation, "You cannot specify a KeyMaterialId with ImportType NEW_KEY_MATERIAL.")
            }
            if isReplica {
                throw KMSError(.unsupportedOperation, "\(arn) is not a multi-region primary key; import new key material "
                               + "into the primary key, then the same material into each replica key.")
            }
            if importedMaterials.contains(where: { $0.fingerprint == request.fingerprint }) {
                throw KMSError(.incorrectKeyMaterial, "The key material is already associated with \(arn); "
                               + "import it again with ImportType EXISTING_KEY_MATERIAL.")
            }
            let version: UInt32
            if importedMaterials.isEmpty {
                version = currentMaterialVersion
            } else {
                // Only a symmetric encryption key gets here: the others name no ImportType, so
                // theirs is EXISTING_KEY_MATERIAL once material was imported.
                if pendingMaterial != nil {
                    throw KMSError(.kmsInvalidState, "\(arn) already has key material pending rotation; "
                                   + "delete it before importing new key material.")
                }
                version = max(currentMaterialVersion, importedMaterials.map(\.version).max() ?? 0) + 1
            }
            let material = ImportedKeyMaterial(
                fingerprint: request.fingerprint, version: version, expirationModel: request.expirationModel,
                validTo: request.validTo, present: true, description: request.description)
            key.importedMaterials.append(material)
            if key.state == .pendingImport, key.hasAllImportedMaterial { key.state = .enabled }
            return MaterialImport.Outcome(key: key, material: material, storesMaterial: true, isNew: true)
        case .existingKeyMaterial:
            guard let index = importedMaterials.firstIndex(where: { $0.fingerprint == request.fingerprint }) else {
                throw KMSError(.incorrectKeyMaterial, importedMaterials.isEmpty
                    ? "No key material was imported into \(arn) yet; import it with ImportType NEW_KEY_MATERIAL."
                    : "The key material is not the key material that was previously imported into \(arn).")
            }
            let version = importedMaterials[index].version
            if let requested = request.keyMaterialId, requested != materialID(version: version) {
                throw KMSError(.incorrectKeyMaterial, "Key material \(requested) does not belong to \(arn).")
            }
            let wasPresent = importedMaterials[index].present
            key.importedMaterials[index].present = true
            key.importedMaterials[index].expirationModel = request.expirationModel
            key.importedMaterials[index].validTo = request.validTo
            if let description = request.description { key.importedMaterials[index].description = description }
            if key.state == .pendingImport, key.hasAllImportedMaterial { key.state = .enabled }
            return MaterialImport.Outcome(key: key, material: key.importedMaterials[index], storesMaterial: !wasPresent,
                                          isNew: false)
        }
    }

    /// The key after deleting the imported material of `version`, and the changes that store it.
    ///
    /// Material pending rotation is not associated with the key and goes entirely, except from a
    /// replica, which keeps knowing the primary's material to import it again. Any other material
    /// stays known by its fingerprint and the key waits for it: "This operation makes the
    /// specified KMS key temporarily unusable … When the specified KMS key is in the PendingDeletion
    /// state, this operation does not change the KMS key's state. Otherwise, it changes the KMS
    /// key's state to PendingImport." (KMS API reference, DeleteImportedKeyMaterial)
    func deletingImportedMaterial(version: UInt32) -> (key: KMSKey, changes: [KMSChange]) {
        var key = self
        if version > currentMaterialVersion, !isReplica {
            key.importedMaterials.removeAll { $0.version == version }
        } else if let index = key.importedMaterials.firstIndex(where: { $0.version == version }) {
            key.importedMaterials[index].present = false
            key.importedMaterials[index].validTo = nil
            if version <= currentMaterialVersion, key.state != .pendingDeletion, key.state != .pendingReplicaDeletion {
                key.state = .pendingImport
            }
        }
        return (key, [.putKey(key, newMaterial: nil), .deleteMaterial(key, version: version)])
    }

    /// The key after its material pending rotation became current (RotateKeyOnDemand of a key with
    /// imported material).
    func rotatedToPendingMaterial(at now: Date) throws(KMSError) -> KMSKey {
        guard let pending = pendingMaterial else {
            throw KMSError(.kmsInvalidState, "No available key material pending rotation for the key: \(arn).")
        }
        var rotated = self
        rotated.currentMaterialVersion = pending.version
        rotated.rotations.append(KeyRotationRecord(materialVersion: pending.version, date: now, type: .onDemand))
        return rotated
    }
}
