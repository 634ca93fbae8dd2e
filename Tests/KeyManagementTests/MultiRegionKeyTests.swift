import ArcaTestSupport
import Foundation
import Testing
@testable import KeyManagement

/// Multi-Region keys: one id and one key material in several regions, each copy its own key.
@Suite struct MultiRegionKeyTests {
    let east = KMSTestHarness.context(region: "us-east-1")
    let west = KMSTestHarness.context(region: "us-west-2")

    /// A multi-Region primary key in us-east-1 with a replica in us-west-2 that finished creating.
    func replicatedKey(_ harness: KMSTestHarness) async throws -> KeyMetadata {
        let primary = try await harness.call(CreateKey.self, CreateKeyRequest(multiRegion: true), as: east).keyMetadata!
        let replicated = try await harness.call(ReplicateKey.self, ReplicateKeyRequest(keyId: primary.keyId, replicaRegion: "us-west-2"),
                                                as: east)
        #expect(replicated.replicaKeyMetadata?.keyState == .creating && replicated.replicaKeyMetadata?.enabled == false)
        try await harness.kms.runDueLifecycleWork()
        return primary
    }

    @Test func aMultiRegionKeyHasAnMrkIdAndIsItsOwnPrimary() async throws {
        let harness = try await KMSTestHarness()
        let key = try await harness.call(CreateKey.self, CreateKeyRequest(multiRegion: true), as: east).keyMetadata!
        #expect(MultiRegionKeyID.isWellFormed(key.keyId))
        #expect(key.multiRegion == true)
        #expect(key.multiRegionConfiguration == MultiRegionConfiguration(
            multiRegionKeyType: .primary, primaryKey: MultiRegionKey(arn: key.arn, region: "us-east-1"), replicaKeys: []))
        let single = try await harness.call(CreateKey.self, CreateKeyRequest(), as: east).keyMetadata!
        #expect(single.multiRegion == false && single.multiRegionConfiguration == nil)
        // The same id names nothing in another region until it is replicated there.
        await expectKMSError(.notFound) {
            try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: key.keyId), as: west)
        }
    }

    @Test func aReplicaSharesTheIdAndMaterialAndDecryptsWhatThePrimaryEncrypted() async throws {
        let harness = try await KMSTestHarness()
        let primary = try await replicatedKey(harness)
        let replica = try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: primary.keyId), as: west).keyMetadata!
        #expect(replica.keyState == .enabled && replica.arn == "arn:aws:kms:us-west-2:111122223333:key/\(primary.keyId)")
        let westARN = replica.arn!
        let expected = [MultiRegionKey(arn: westARN, region: "us-west-2")]
        #expect(replica.multiRegionConfiguration?.multiRegionKeyType == .replica)
        #expect(replica.multiRegionConfiguration?.replicaKeys == expected)
        let described = try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: primary.keyId), as: east).keyMetadata!
        #expect(described.multiRegionConfiguration?.replicaKeys == expected)
        #expect(described.currentKeyMaterialId == replica.currentKeyMaterialId)

        let blob = try await harness.call(Encrypt.self, EncryptRequest(keyId: primary.keyId, plaintext: Data("across".utf8),
                                                                        encryptionContext: ["a": "b"]), as: east).ciphertextBlob!
        let opened = try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: blob, encryptionContext: ["a": "b"]), as: west)
        #expect(opened.plaintext == Data("across".utf8) && opened.keyId == westARN)
    }

    @Test func replicationRefusesWhatAWSRefuses() async throws {
        let harness = try await KMSTestHarness()
        let primary = try await replicatedKey(harness)
        let westARN = "arn:aws:kms:us-west-2:111122223333:key/\(primary.keyId)"
        await expectKMSError(.unsupportedOperation, message: "\(westARN) is not a multi-region primary key.") {
            try await harness.call(ReplicateKey.self, ReplicateKeyRequest(keyId: primary.keyId, replicaRegion: "eu-west-1"), as: west)
        }
        await expectKMSError(.alreadyExists) {
            try await harness.call(ReplicateKey.self, ReplicateKeyRequest(keyId: primary.keyId, replicaRegion: "us-west-2"), as: east)
        }
        await expectKMSError(.validation) {
            try await harness.call(ReplicateKey.self, ReplicateKeyRequest(keyId: primary.keyId, replicaRegion: "us-east-1"), as: east)
        }
        let single = try await harness.call(CreateKey.self, CreateKeyRequest(), as: east).keyMetadata!
        await expectKMSError(.unsupportedOperation) {
            try await harness.call(ReplicateKey.self, ReplicateKeyRequest(keyId: single.keyId, replicaRegion: "us-west-2"), as: east)
        }
    }

    @Test func eachCopyHasItsOwnPolicyStateAndDescription() async throws {
        let harness = try await KMSTestHarness()
        let primary = try await replicatedKey(harness)
        _ = try await harness.call(UpdateKeyDescription.self, UpdateKeyDescriptionRequest(keyId: primary.keyId, description: "west"),
                                   as: west)
        _ = try await harness.call(DisableKey.self, DisableKeyRequest(keyId: primary.keyId), as: west)
        let eastKey = try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: primary.keyId), as: east).keyMetadata!
        #expect(eastKey.keyState == .enabled && eastKey.description == "")
        await expectKMSError(.disabled) {
            try await harness.call(Encrypt.self, EncryptRequest(keyId: primary.keyId, plaintext: Data("x".utf8)), as: west)
        }
    }

    @Test func rotationHappensOnThePrimaryAndReachesEveryReplica() async throws {
        let harness = try await KMSTestHarness()
        let primary = try await replicatedKey(harness)
        await expectKMSError(.unsupportedOperation) {
            try await harness.call(RotateKeyOnDemand.self, RotateKeyOnDemandRequest(keyId: primary.keyId), as: west)
        }
        await expectKMSError(.unsupportedOperation) {
            try await harness.call(EnableKeyRotation.self, EnableKeyRotationRequest(keyId: primary.keyId), as: west)
        }
        _ = try await harness.call(RotateKeyOnDemand.self, RotateKeyOnDemandRequest(keyId: primary.keyId), as: east)
        let eastKey = try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: primary.keyId), as: east).keyMetadata!
        let westKey = try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: primary.keyId), as: west).keyMetadata!
        #expect(eastKey.currentKeyMaterialId == westKey.currentKeyMaterialId && eastKey.currentKeyMaterialId != primary.currentKeyMaterialId)
        // What the replica encrypts under the new material, the primary decrypts.
        let blob = try await harness.call(Encrypt.self, EncryptRequest(keyId: primary.keyId, plaintext: Data("new".utf8)), as: west)
        let opened = try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: blob.ciphertextBlob!), as: east)
        #expect(opened.keyMaterialId == eastKey.currentKeyMaterialId)
        let rotations = try await harness.call(ListKeyRotations.self, ListKeyRotationsRequest(keyId: primary.keyId), as: west)
        #expect(rotations.rotations?.count == 1)
    }

    @Test func updatePrimaryRegionSwapsTheRolesAndMovesTheRotationSchedule() async throws {
        let harness = try await KMSTestHarness()
        let primary = try await replicatedKey(harness)
        _ = try await harness.call(EnableKeyRotation.self, EnableKeyRotationRequest(keyId: primary.keyId, rotationPeriodInDays: 90),
                                   as: east)
        _ = try await harness.call(UpdatePrimaryRegion.self, UpdatePrimaryRegionRequest(keyId: primary.keyId, primaryRegion: "us-west-2"),
                                   as: east)
        let westKey = try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: primary.keyId), as: west).keyMetadata!
        let eastKey = try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: primary.keyId), as: east).keyMetadata!
        #expect(westKey.multiRegionConfiguration?.multiRegionKeyType == .primary)
        #expect(eastKey.multiRegionConfiguration?.multiRegionKeyType == .replica)
        #expect(eastKey.multiRegionConfiguration?.primaryKey?.region == "us-west-2")
        #expect(eastKey.multiRegionConfiguration?.replicaKeys == [MultiRegionKey(arn: primary.arn, region: "us-east-1")])
        let status = try await harness.call(GetKeyRotationStatus.self, GetKeyRotationStatusRequest(keyId: primary.keyId), as: east)
        #expect(status.keyRotationEnabled == true && status.rotationPeriodInDays == 90)
        await expectKMSError(.unsupportedOperation) {
            try await harness.call(DisableKeyRotation.self, DisableKeyRotationRequest(keyId: primary.keyId), as: east)
        }
        // The schedule now runs from us-west-2: 90 days on, both copies have new material.
        harness.clock.advance(by: 91 * 86_400)
        try await harness.kms.runDueLifecycleWork()
        let rotatedEast = try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: primary.keyId), as: east).keyMetadata!
        #expect(rotatedEast.currentKeyMaterialId != primary.currentKeyMaterialId)
        await expectKMSError(.notFound) {
            try await harness.call(UpdatePrimaryRegion.self, UpdatePrimaryRegionRequest(keyId: primary.keyId, primaryRegion: "eu-west-1"),
                                   as: west)
        }
    }

    @Test func aPrimaryWithReplicasWaitsForThemBeforeItsOwnWaitingPeriod() async throws {
        let harness = try await KMSTestHarness()
        let primary = try await replicatedKey(harness)
        let scheduled = try await harness.call(ScheduleKeyDeletion.self, ScheduleKeyDeletionRequest(keyId: primary.keyId,
                                                                                                     pendingWindowInDays: 7), as: east)
        #expect(scheduled.keyState == .pendingReplicaDeletion && scheduled.deletionDate == nil)
        _ = try await harness.call(ScheduleKeyDeletion.self, ScheduleKeyDeletionRequest(keyId: primary.keyId, pendingWindowInDays: 7),
                                   as: west)
        harness.clock.advance(by: 7 * 86_400 + 1)
        try await harness.kms.runDueLifecycleWork()
        await expectKMSError(.notFound) {
            try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: primary.keyId), as: west)
        }
        let waiting = try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: primary.keyId), as: east).keyMetadata!
        #expect(waiting.keyState == .pendingDeletion && waiting.multiRegionConfiguration?.replicaKeys == [])
        #expect(waiting.deletionDate == harness.clock.now.addingTimeInterval(7 * 86_400))
        harness.clock.advance(by: 7 * 86_400)
        try await harness.kms.runDueLifecycleWork()
        await expectKMSError(.notFound) {
            try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: primary.keyId), as: east)
        }
    }

    @Test func cancellingAPrimarysDeletionWhileItWaitsForReplicas() async throws {
        let harness = try await KMSTestHarness()
        let primary = try await replicatedKey(harness)
        _ = try await harness.call(ScheduleKeyDeletion.self, ScheduleKeyDeletionRequest(keyId: primary.keyId), as: east)
        _ = try await harness.call(CancelKeyDeletion.self, CancelKeyDeletionRequest(keyId: primary.keyId), as: east)
        let key = try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: primary.keyId), as: east).keyMetadata!
        #expect(key.keyState == .disabled)
    }

    @Test func aReplicaDeletedWhileItsPrimaryRotatesStaysDeleted() async throws {
        let harness = try await KMSTestHarness()
        let primary = try await replicatedKey(harness)
        _ = try await harness.call(EnableKeyRotation.self, EnableKeyRotationRequest(keyId: primary.keyId, rotationPeriodInDays: 90),
                                   as: east)
        _ = try await harness.call(ScheduleKeyDeletion.self, ScheduleKeyDeletionRequest(keyId: primary.keyId, pendingWindowInDays: 7),
                                   as: west)
        // Both are due in one run of the lifecycle work, in whichever order it takes them.
        harness.clock.advance(by: 91 * 86_400)
        try await harness.kms.runDueLifecycleWork()
        await expectKMSError(.notFound) {
            try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: primary.keyId), as: west)
        }
        let rotated = try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: primary.keyId), as: east).keyMetadata!
        #expect(rotated.currentKeyMaterialId != primary.currentKeyMaterialId)
        #expect(rotated.multiRegionConfiguration?.replicaKeys == [])
        #expect(harness.kms.ring.read { $0.materials[KeyID(multiRegion: primary.keyId, region: "us-west-2")!] } == nil)
    }
}
