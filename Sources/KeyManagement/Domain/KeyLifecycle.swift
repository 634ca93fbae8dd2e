import Foundation

/// A key's scheduled deletion: "To delete a CMK in AWS KMS you *schedule key deletion*. You can
/// set the waiting period from a minimum of 7 days up to a maximum of 30 days. The default
/// waiting period is 30 days." (kms-developer-guide.md, How Deleting Customer Master Keys Works)
public struct ScheduledDeletion: Sendable, Equatable, Codable {
    public static let windowInDays = 7...30
    public static let defaultWindowInDays = 30

    /// When the waiting period ends and the key, its material, aliases and grants are deleted.
    public var date: Date
    public var windowInDays: Int

    public init(date: Date, windowInDays: Int) {
        self.date = date
        self.windowInDays = windowInDays
    }
}

/// Automatic rotation of a key: "AWS KMS will create a new version of the backing key for each
/// rotation" (kms-developer-guide.md, Rotating Keys), every `periodInDays` (90 to 2560, default 365,
/// as the current KMS API has it).
public struct RotationSchedule: Sendable, Equatable, Codable {
    public static let periodInDays = 90...2560
    public static let defaultPeriodInDays = 365

    public var periodInDays: Int
    /// When the next automatic rotation is due.
    public var nextRotationDate: Date

    public init(periodInDays: Int, nextRotationDate: Date) {
        self.periodInDays = periodInDays
        self.nextRotationDate = nextRotationDate
    }
}

/// One completed rotation: which backing key version it made current, when and why.
public struct KeyRotationRecord: Sendable, Equatable, Codable {
    public var materialVersion: UInt32
    public var date: Date
    public var type: RotationType

    public init(materialVersion: UInt32, date: Date, type: RotationType) {
        self.materialVersion = materialVersion
        self.date = date
        self.type = type
    }
}

/// What the lifecycle service must do to a key at a given moment: pure functions of the key and
/// the wall clock, so a test that moves the clock knows exactly what becomes due.
public enum KeyLifecycle {
    public enum Work: Sendable, Equatable {
        /// The deletion waiting period has ended.
        case delete
        /// An automatic rotation is due.
        case rotate
        /// Imported key material reached its ValidTo: "When the key material expires, AWS KMS
        /// deletes the key material and the CMK becomes unusable." (kms-developer-guide.md)
        case expireMaterial
        /// A replica key made by ReplicateKey is ready: "the new replica key … has a transient key
        /// state of Creating. This key state changes to Enabled … when the process of creating the
        /// new replica key is complete" (KMS API reference, ReplicateKey).
        case finishCreation
    }

    /// The work due for `key` at `now`, if any. Deletion comes first: a key pending deletion is
    /// never rotated.
    public static func due(_ key: KMSKey, at now: Date) -> Work? {
        if key.state == .creating { return .finishCreation }
        if key.state == .pendingDeletion {
            if let deletion = key.deletion, deletion.date <= now { return .delete }
            return nil
        }
        // A primary waiting for its replicas' deletion is pending deletion too: it never rotates.
        if key.state == .pendingReplicaDeletion { return nil }
        if key.importedMaterials.contains(where: { $0.hasExpired(at: now) }) { return .expireMaterial }
        // A multi-Region key rotates as one, from its primary (``KeyManagementService/rotation(of:at:type:in:)``).
        if let rotation = key.rotation, !key.isReplica, rotation.nextRotationDate <= now { return .rotate }
        return nil
    }

    /// The key after an automatic rotation at `now`: a new current backing key version, and the
    /// next rotation one period later.
    public static func rotated(_ key: KMSKey, at now: Date, type: RotationType) -> KMSKey {
        var rotated = key
        rotated.currentMaterialVersion += 1
        rotated.rotations.append(KeyRotationRecord(materialVersion: rotated.currentMaterialVersion, date: now, type: type))
        if type == .automatic, let schedule = key.rotation {
            rotated.rotation?.nextRotationDate = now.addingTimeInterval(TimeInterval(schedule.periodInDays) * 86_400)
        }
        return rotated
    }
}

extension KMSKey {
    /// "You can perform on-demand key rotation a maximum of 25 times per KMS key" (KMS API
    /// reference, RotateKeyOnDemand).
    public static let onDemandRotationLimit = 25

    /// Refuses rotation where AWS does: only symmetric encryption keys rotate, only keys whose
    /// material KMS generated rotate automatically, and a multi-Region key rotates from its
    /// primary ("you can enable and disable automatic key rotation only on the primary key",
    /// AWS KMS Developer Guide, Rotating multi-Region keys).
    func requireRotatable(automatically: Bool) throws(KMSError) {
        guard keySpec == .symmetricDefault else {
            throw KMSError(.unsupportedOperation, "")
        }
        if multiRegion != nil { try requirePrimary() }
        if automatically, origin != .awsKms {
            throw KMSError(.unsupportedOperation, "\(arn) origin is \(origin.rawValue) which is not valid for this operation.")
        }
    }
}

extension KMSKey {
    /// Refuses what only a multi-Region primary key may do (recorded from AWS: "<arn> is not a
    /// multi-region primary key.").
    func requirePrimary() throws(KMSError) {
        guard isPrimary else {
            throw KMSError(.unsupportedOperation, "\(arn) is not a multi-region primary key.")
        }
    }
}
