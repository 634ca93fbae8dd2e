import Foundation
import Identity

/// A KMS key: its metadata, its key policy and its tags. Key material is held separately.
public struct KMSKey: Sendable, Equatable {
    public var id: KeyID
    public var scope: KMSScope
    public var creationDate: Date
    public var description: String
    public var keyUsage: KeyUsageType
    public var keySpec: KeySpec
    public var origin: OriginType
    public var keyManager: KeyManagerType
    public var state: KeyState
    public var policy: String
    public var tags: [Tag]
    /// The newest backing key version; encryption always uses it.
    public var currentMaterialVersion: UInt32
    /// Set while the key is pending deletion.
    public var deletion: ScheduledDeletion?
    /// Set while automatic rotation is enabled.
    public var rotation: RotationSchedule?
    /// Every completed rotation, oldest first.
    public var rotations: [KeyRotationRecord]
    /// For keys of origin EXTERNAL: each material imported, by backing key version.
    public var importedMaterials: [ImportedKeyMaterial]
    /// For a multi-Region key: where its primary and replicas are, the same on every copy.
    public var multiRegion: MultiRegionCopies?

    public init(id: KeyID, scope: KMSScope, creationDate: Date, description: String, keyUsage: KeyUsageType,
                keySpec: KeySpec, origin: OriginType, keyManager: KeyManagerType, state: KeyState, policy: String,
                tags: [Tag], currentMaterialVersion: UInt32, deletion: ScheduledDeletion? = nil,
                rotation: RotationSchedule? = nil, rotations: [KeyRotationRecord] = [],
                importedMaterials: [ImportedKeyMaterial] = [], multiRegion: MultiRegionCopies? = nil) {
        self.id = id
        self.scope = scope
        self.creationDate = creationDate
        self.description = description
        self.keyUsage = keyUsage
        self.keySpec = keySpec
        self.origin = origin
        self.keyManager = keyManager
        self.state = state
        self.policy = policy
        self.tags = tags
        self.currentMaterialVersion = currentMaterialVersion
        self.deletion = deletion
        self.rotation = rotation
        self.rotations = rotations
        self.importedMaterials = importedMaterials
        self.multiRegion = multiRegion
    }

    public var arn: String { scope.keyARN(id) }

    /// The `KeyMetadata` AWS returns for this key.
    public var metadata: KeyMetadata {
        KeyMetadata(
            awsAccountId: scope.account.rawValue,
            keyId: id.rawValue,
            arn: arn,
            creationDate: creationDate,
            enabled: state == .enabled,
            description: description,
            keyUsage: keyUsage,
            keyState: state,
            // A primary waiting for its replicas' deletion has no date yet: "The deletion date for
            // the primary key isn't known until its last replica key is deleted" (KMS API reference).
            deletionDate: state == .pendingReplicaDeletion ? nil : deletion?.date,
            validTo: importedMaterialValidTo,
            origin: origin,
            expirationModel: importedExpirationModel,
            keyManager: keyManager,
            customerMasterKeySpec: CustomerMasterKeySpec(rawValue: keySpec.rawValue),
            keySpec: keySpec,
            encryptionAlgorithms: Self.listed(keySpec.encryptionAlgorithms(usage: keyUsage)),
            signingAlgorithms: Self.listed(keySpec.signingAlgorithms(usage: keyUsage)),
            keyAgreementAlgorithms: Self.listed(keySpec.keyAgreementAlgorithms(usage: keyUsage)),
            multiRegion: multiRegion != nil,
            multiRegionConfiguration: multiRegion.map { copies in
                MultiRegionConfiguration(
                    multiRegionKeyType: copies.primaryRegion == scope.region ? .primary : .replica,
                    primaryKey: MultiRegionKey(arn: copy(in: copies.primaryRegion), region: copies.primaryRegion),
                    replicaKeys: copies.replicaRegions.map { MultiRegionKey(arn: copy(in: $0), region: $0) })
            },
            pendingDeletionWindowInDays: deletion?.windowInDays,
            macAlgorithms: Self.listed(keySpec.macAlgorithms),
            // A key awaiting its first import has no material; once imported its id stays, even
            // while the material is deleted (as AWS reports it). "This value is present for symmetric
            // encryption keys" only (KMS API reference, KeyMetadata).
            currentKeyMaterialId: keySpec != .symmetricDefault || origin == .external && importedMaterials.isEmpty
                ? nil : materialID(version: currentMaterialVersion)
        )
    }
}

/// Where the copies of a multi-Region key are. Every copy keeps the same value, updated together
/// (ReplicateKey, UpdatePrimaryRegion, a replica's deletion), so each copy's DescribeKey names
/// them all, as AWS's does.
public struct MultiRegionCopies: Sendable, Equatable, Codable {
    public var primaryRegion: String
    /// The replicas' regions, in the order they were created.
    public var replicaRegions: [String]

    public init(primaryRegion: String, replicaRegions: [String] = []) {
        self.primaryRegion = primaryRegion
        self.replicaRegions = replicaRegions
    }

    /// Every region with a copy, the primary's first.
    public var regions: [String] { [primaryRegion] + replicaRegions }
}

extension KMSKey {
    /// True for a multi-Region primary key.
    public var isPrimary: Bool { multiRegion?.primaryRegion == scope.region }

    /// True for a multi-Region replica key.
    public var isReplica: Bool { multiRegion.map { $0.primaryRegion != scope.region } ?? false }

    /// The ARN of this key's copy in `region`.
    func copy(in region: String) -> String {
        KMSScope(account: scope.account, region: region).keyARN(id)
    }

    /// An algorithm list as KeyMetadata carries it: absent rather than empty.
    private static func listed<Algorithm>(_ algorithms: [Algorithm]) -> [Algorithm]? {
        algorithms.isEmpty ? nil : algorithms
    }
}

/// An alias: a friendly name in one account and region that points at one key.
public struct KMSAlias: Sendable, Equatable {
    public var name: AliasName
    public var scope: KMSScope
    public var targetKeyID: KeyID
    public var creationDate: Date
    public var lastUpdatedDate: Date

    public init(name: AliasName, scope: KMSScope, targetKeyID: KeyID, creationDate: Date, lastUpdatedDate: Date) {
        self.name = name
        self.scope = scope
        self.targetKeyID = targetKeyID
        self.creationDate = creationDate
        self.lastUpdatedDate = lastUpdatedDate
    }

    public var arn: String { scope.aliasARN(name) }

    public var listEntry: AliasListEntry {
        AliasListEntry(aliasName: name.rawValue, aliasArn: arn, targetKeyId: targetKeyID.rawValue,
                       creationDate: creationDate, lastUpdatedDate: lastUpdatedDate)
    }
}
