import Foundation
import Identity
import KeyManagement

/// The row form of a key's record: metadata, policy and tags as one JSON document.
///
/// Key material is not in it; it lives wrapped in `kms_key_materials`. Rows are keyed by
/// ``KeyID/storageID``, which tells the copies of a multi-Region key apart.
struct StoredKey: Codable {
    var keyId: String
    var account: String
    var region: String
    var creationDate: Double
    var description: String
    var keyUsage: KeyUsageType
    var keySpec: KeySpec
    var origin: OriginType
    var keyManager: KeyManagerType
    var state: KeyState
    var policy: String
    var tags: [Tag]
    var currentMaterialVersion: UInt32
    /// Absent in records written before key lifecycles existed.
    var deletion: ScheduledDeletion?
    var rotation: RotationSchedule?
    var rotations: [KeyRotationRecord]?
    var importedMaterials: [ImportedKeyMaterial]?
    /// The one imported material of records written before imported keys could rotate.
    var imported: LegacyImportedMaterial?
    var multiRegion: MultiRegionCopies?

    init(_ key: KMSKey) {
        keyId = key.id.storageID
        account = key.scope.account.rawValue
        region = key.scope.region
        creationDate = key.creationDate.timeIntervalSince1970
        description = key.description
        keyUsage = key.keyUsage
        keySpec = key.keySpec
        origin = key.origin
        keyManager = key.keyManager
        state = key.state
        policy = key.policy
        tags = key.tags
        currentMaterialVersion = key.currentMaterialVersion
        deletion = key.deletion
        rotation = key.rotation
        rotations = key.rotations
        importedMaterials = key.importedMaterials.isEmpty ? nil : key.importedMaterials
        multiRegion = key.multiRegion
    }

    func key() throws -> KMSKey {
        guard let id = KeyID(storageID: keyId), let account = AccountID(account) else {
            throw StorageError("a stored key record has a malformed id")
        }
        return KMSKey(id: id, scope: KMSScope(account: account, region: region),
                      creationDate: Date(timeIntervalSince1970: creationDate), description: description,
                      keyUsage: keyUsage, keySpec: keySpec, origin: origin, keyManager: keyManager, state: state,
                      policy: policy, tags: tags, currentMaterialVersion: currentMaterialVersion, deletion: deletion,
                      rotation: rotation, rotations: rotations ?? [],
                      importedMaterials: importedMaterials ?? imported.map { [$0.material(version: currentMaterialVersion)] } ?? [],
                      multiRegion: multiRegion)
    }
}

/// How a key's imported material was recorded before each material had its own version.
struct LegacyImportedMaterial: Codable {
    var fingerprint: String
    var expirationModel: ExpirationModelType
    var validTo: Date?
    var present: Bool

    /// The material as the key's only one: its current backing key version.
    func material(version: UInt32) -> ImportedKeyMaterial {
        ImportedKeyMaterial(fingerprint: fingerprint, version: version, expirationModel: expirationModel,
                            validTo: validTo, present: present, hasVersionDerivedID: true)
    }
}

/// A storage failure, described without row contents.
public struct StorageError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
