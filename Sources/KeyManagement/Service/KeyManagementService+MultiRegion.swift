import Foundation
import ServiceCalls

/// Multi-Region keys: "a set of interoperable KMS keys in different AWS Regions … [that] have
/// the same key ID and the same key material" (AWS KMS Developer Guide, Multi-Region keys). Each
/// copy is its own key — policy, aliases, grants, tags, state — and the changes that touch one
/// copy's shared facts (its regions, its key material) touch every copy in the same write.
extension KeyRingState {
    /// The other copies of a multi-Region key (none for a single-Region key).
    func otherCopies(of key: KMSKey) -> [KMSKey] {
        guard let copies = key.multiRegion else { return [] }
        return copies.regions.filter { $0 != key.scope.region }.compactMap { keys[key.id.inRegion($0)] }
    }

    /// The changes that give every copy of `key` (itself included) the same `copies`, each copy
    /// also passing through `adjust`.
    func settingCopies(_ copies: MultiRegionCopies, of key: KMSKey,
                       _ adjust: (inout KMSKey) -> Void = { _ in }) -> [KMSChange] {
        ([key] + otherCopies(of: key)).map { copy in
            var updated = copy
            updated.multiRegion = copies
            adjust(&updated)
            return .putKey(updated, newMaterial: nil)
        }
    }

    /// Every backing key version of `key` as a copy named `copyID` keeps it, for a new replica.
    func materialVersions(of key: KMSKey, for copyID: KeyID) -> [KeyMaterial] {
        (materials[key.id] ?? [:]).sorted { $0.key < $1.key }.map { version, secret in
            var material = KeyMaterial(keyID: copyID, version: version, key: secret)
            material.privateKey = privateKeys[key.id]
            return material
        }
    }
}

extension KeyManagementService {
    /// The primary copy of a multi-Region key.
    func primaryCopy(of key: KMSKey) -> KMSKey? {
        guard let copies = key.multiRegion else { return nil }
        return ring.read { $0.keys[key.id.inRegion(copies.primaryRegion)] }
    }

    /// The changes that rotate a key at `now`: a new backing key version becomes current — on
    /// every copy of a multi-Region key, which "share[s] … key material" and rotates from its
    /// primary ("you can enable and disable automatic key rotation only on the primary key";
    /// the new material is replicated to the replica keys, AWS KMS Developer Guide).
    ///
    /// `working` holds copies changed earlier in the same batch of lifecycle work (and nil for
    /// copies deleted in it), so a rotation never writes back a stale or deleted copy.
    func rotation(of key: KMSKey, at now: Date, type: RotationType, in state: KeyRingState,
                  working: [KeyID: KMSKey?] = [:]) -> [KMSChange] {
        let rotated = KeyLifecycle.rotated(key, at: now, type: type)
        let secret = newSymmetricKey()
        var changes: [KMSChange] = [
            .putKey(rotated, newMaterial: KeyMaterial(keyID: key.id, version: rotated.currentMaterialVersion, key: secret)),
        ]
        for stale in state.otherCopies(of: key) {
            guard let copy = working[stale.id] ?? stale else { continue }
            var replica = copy
            replica.currentMaterialVersion = rotated.currentMaterialVersion
            replica.rotations = rotated.rotations
            changes.append(.putKey(replica, newMaterial: KeyMaterial(keyID: copy.id, version: rotated.currentMaterialVersion,
                                                                      key: secret)))
        }
        return changes
    }

    /// The changes after a copy of a multi-Region key is deleted: the other copies forget its
    /// region, and a primary that was waiting for its last replica starts its own waiting period
    /// ("the waiting period begins when the last of its replica keys is deleted", AWS KMS
    /// Developer Guide, Deleting multi-Region keys). `working` holds copies changed earlier in the
    /// same batch.
    func copiesAfterDeleting(_ deleted: KMSKey, at now: Date, in state: KeyRingState,
                             working: inout [KeyID: KMSKey?]) -> [KMSChange] {
        working[deleted.id] = .some(nil)
        var changes: [KMSChange] = []
        for stale in state.otherCopies(of: deleted) {
            guard var copy = working[stale.id] ?? stale else { continue }
            copy.multiRegion?.replicaRegions.removeAll { $0 == deleted.scope.region }
            if copy.state == .pendingReplicaDeletion, copy.multiRegion?.replicaRegions.isEmpty == true,
               let window = copy.deletion?.windowInDays {
                copy.state = .pendingDeletion
                copy.deletion = ScheduledDeletion(date: now.addingTimeInterval(TimeInterval(window) * 86_400),
                                                  windowInDays: window)
            }
            working[copy.id] = copy
            changes.append(.putKey(copy, newMaterial: nil))
        }
        return changes
    }
}

/// Multi-Region keys with imported material: "To import new key material for a multi-Region
/// symmetric key … Call ImportKeyMaterial on the primary Region key with the ImportType set to
/// NEW_KEY_MATERIAL. Call ImportKeyMaterial on the replica Region key with the ImportType set to
/// EXISTING_KEY_MATERIAL using the same key material … You must do this for every replica Region
/// key before you can perform the RotateKeyOnDemand operation on the primary Region key." (KMS API
/// reference, ImportKeyMaterial)
extension KeyRingState {
    /// The changes that make every replica of `primary` know `material`, newly imported into the
    /// primary, as material still to import. A replica's record of the same version that the
    /// primary no longer has (pending material deleted or expired there) is replaced.
    func sharingNewMaterial(_ material: ImportedKeyMaterial, of primary: KMSKey) -> [KMSChange] {
        guard primary.isPrimary else { return [] }
        return otherCopies(of: primary).flatMap { copy -> [KMSChange] in
            var replica = copy
            let stale = replica.importedMaterial(version: material.version)
            replica.importedMaterials.removeAll { $0.version == material.version }
            replica.importedMaterials.append(material.awaitingImport)
            replica.importedMaterials.sort { $0.version < $1.version }
            let dropping: [KMSChange] = stale?.present == true ? [.deleteMaterial(replica, version: material.version)] : []
            return [.putKey(replica, newMaterial: nil)] + dropping
        }
    }

    /// The key without its imported material of `version` (``KMSKey/deletingImportedMaterial(version:)``),
    /// and the changes that store it and its copies: "When you delete the key material of a primary
    /// Region key that is in PENDING_ROTATION or PENDING_MULTI_REGION_IMPORT_AND_ROTATION state,
    /// you'll also be deleting the key materials for the replica Region keys." (KMS API reference,
    /// DeleteImportedKeyMaterial) Its expiry does the same. `working` holds copies changed earlier
    /// in the same batch of lifecycle work.
    func deletingImportedMaterial(version: UInt32, of key: KMSKey,
                                  working: [KeyID: KMSKey?] = [:]) -> (key: KMSKey, changes: [KMSChange]) {
        let deletion = key.deletingImportedMaterial(version: version)
        return (deletion.key, deletion.changes + droppingPendingMaterial(version: version, of: key, working: working))
    }

    private func droppingPendingMaterial(version: UInt32, of primary: KMSKey, working: [KeyID: KMSKey?]) -> [KMSChange] {
        guard primary.isPrimary, version > primary.currentMaterialVersion else { return [] }
        return otherCopies(of: primary).compactMap { stale -> [KMSChange]? in
            guard let copy = working[stale.id] ?? stale, let material = copy.importedMaterial(version: version) else { return nil }
            var replica = copy
            replica.importedMaterials.removeAll { $0.version == version }
            return [.putKey(replica, newMaterial: nil)] + (material.present ? [.deleteMaterial(replica, version: version)] : [])
        }.flatMap { $0 }
    }

    /// True when the material pending rotation of `key` is imported into every copy of it;
    /// otherwise it is PENDING_MULTI_REGION_IMPORT_AND_ROTATION.
    func pendingMaterialIsEverywhere(of key: KMSKey) -> Bool {
        guard let pending = key.pendingMaterial else { return false }
        return ([key] + otherCopies(of: key)).allSatisfy { $0.importedMaterial(version: pending.version)?.present == true }
    }

    /// The changes of RotateKeyOnDemand for a key with imported material: its material pending
    /// rotation becomes current, on every copy of a multi-Region key at once.
    func importedRotation(of key: KMSKey, at now: Date) throws(KMSError) -> [KMSChange] {
        let rotated = try key.rotatedToPendingMaterial(at: now)
        guard pendingMaterialIsEverywhere(of: key) else {
            throw KMSError(.kmsInvalidState, "The key material pending rotation of \(key.arn) is not yet imported into "
                           + "every replica key.")
        }
        return [.putKey(rotated, newMaterial: nil)] + otherCopies(of: key).map { copy in
            var replica = copy
            replica.currentMaterialVersion = rotated.currentMaterialVersion
            replica.rotations = rotated.rotations
            return .putKey(replica, newMaterial: nil)
        }
    }
}
