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
    var imported: ImportedKeyMaterial?
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
        imported = key.imported
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
                      rotation: rotation, rotations: rotations ?? [], imported: imported,
                      multiRegion: multiRegion)
    }
}

/// A storage failure, described without row contents.
public struct StorageError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
