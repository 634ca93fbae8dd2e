import ArcaTestSupport
import Foundation
import ServiceCalls
import Testing
@testable import KeyManagement

/// Deletion and rotation as pure functions of a key and the clock, and the service applying them
/// when the (manual) clock says they are due.
@Suite struct KeyLifecycleTests {
    static let day: TimeInterval = 86_400
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func key(state: KeyState = .enabled, deletion: ScheduledDeletion? = nil,
                    rotation: RotationSchedule? = nil) -> KMSKey {
        KMSKey(id: KeyID("1234abcd-12ab-34cd-56ef-1234567890ab")!,
               scope: KMSScope(account: .default, region: "us-east-1"), creationDate: start, description: "",
               keyUsage: .encryptDecrypt, keySpec: .symmetricDefault, origin: .awsKms, keyManager: .customer,
               state: state, policy: "{}", tags: [], currentMaterialVersion: 1, deletion: deletion, rotation: rotation)
    }

    @Test func deletionIsDueWhenTheWindowEnds() {
        let pending = Self.key(state: .pendingDeletion, deletion: ScheduledDeletion(date: Self.start + 7 * Self.day, windowInDays: 7))
        #expect(KeyLifecycle.due(pending, at: Self.start) == nil)
        #expect(KeyLifecycle.due(pending, at: Self.start + 7 * Self.day - 1) == nil)
        #expect(KeyLifecycle.due(pending, at: Self.start + 7 * Self.day) == .delete)
    }

    @Test func rotationIsDueOnItsDateButNeverWhilePendingDeletion() {
        let schedule = RotationSchedule(periodInDays: 365, nextRotationDate: Self.start + 365 * Self.day)
        #expect(KeyLifecycle.due(Self.key(rotation: schedule), at: Self.start + 364 * Self.day) == nil)
        #expect(KeyLifecycle.due(Self.key(rotation: schedule), at: Self.start + 365 * Self.day) == .rotate)
        #expect(KeyLifecycle.due(Self.key(state: .disabled, rotation: schedule), at: Self.start + 400 * Self.day) == .rotate)
        let pending = Self.key(state: .pendingDeletion, deletion: ScheduledDeletion(date: Self.start + 900 * Self.day, windowInDays: 30),
                               rotation: schedule)
        #expect(KeyLifecycle.due(pending, at: Self.start + 400 * Self.day) == nil)
        #expect(KeyLifecycle.due(Self.key(), at: .distantFuture) == nil)
    }

    @Test func rotationMakesANewVersionCurrentAndOnlyAutomaticOnesMoveTheSchedule() {
        let schedule = RotationSchedule(periodInDays: 90, nextRotationDate: Self.start)
        let automatic = KeyLifecycle.rotated(Self.key(rotation: schedule), at: Self.start + 10, type: .automatic)
        #expect(automatic.currentMaterialVersion == 2)
        #expect(automatic.rotations == [KeyRotationRecord(materialVersion: 2, date: Self.start + 10, type: .automatic)])
        #expect(automatic.rotation?.nextRotationDate == Self.start + 10 + 90 * Self.day)
        let onDemand = KeyLifecycle.rotated(automatic, at: Self.start + 20, type: .onDemand)
        #expect(onDemand.currentMaterialVersion == 3)
        #expect(onDemand.rotation == automatic.rotation)
    }

    @Test func theServiceDeletesAndRotatesWhatIsDueAndOldCiphertextsStillDecrypt() async throws {
        let harness = try await KMSTestHarness()
        let rotating = try #require(try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata?.keyId)
        let doomed = try #require(try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata?.keyId)
        _ = try await harness.call(CreateAlias.self, CreateAliasRequest(aliasName: "alias/doomed", targetKeyId: doomed))
        _ = try await harness.call(EnableKeyRotation.self, EnableKeyRotationRequest(keyId: rotating, rotationPeriodInDays: 90))
        _ = try await harness.call(ScheduleKeyDeletion.self, ScheduleKeyDeletionRequest(keyId: doomed, pendingWindowInDays: 7))
        let old = try #require(try await harness.call(Encrypt.self, EncryptRequest(keyId: rotating, plaintext: Data("v1".utf8))).ciphertextBlob)

        harness.clock.advance(by: 6 * Self.day)
        #expect(try await harness.kms.runDueLifecycleWork().isEmpty)
        harness.clock.advance(by: Self.day)
        let deleted = try await harness.kms.runDueLifecycleWork()
        #expect(deleted.map(\.kind) == [.deleted])
        await expectKMSError(.notFound) { try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: doomed)) }
        #expect(try await harness.call(ListAliases.self, ListAliasesRequest()).aliases?.contains { $0.aliasName == "alias/doomed" } == false)
        #expect(try await harness.store.load().keys.map(\.id.rawValue) == [rotating])

        harness.clock.advance(by: 90 * Self.day)
        let rotated = try await harness.kms.runDueLifecycleWork()
        #expect(rotated.map(\.kind) == [.rotated])
        #expect(try await harness.kms.runDueLifecycleWork().isEmpty)
        let metadata = try #require(try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: rotating)).keyMetadata)
        #expect(metadata.currentKeyMaterialId == rotated.first?.key.materialID(version: 2))
        let plain = try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: old))
        #expect(plain.plaintext == Data("v1".utf8))
    }

    @Test func aFailedWriteLeavesTheWorkDueForTheNextTick() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try #require(try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata?.keyId)
        _ = try await harness.call(ScheduleKeyDeletion.self, ScheduleKeyDeletionRequest(keyId: keyID, pendingWindowInDays: 7))
        harness.clock.advance(by: 8 * Self.day)
        harness.store.failNextWrite()
        await #expect(throws: (any Error).self) { try await harness.kms.runDueLifecycleWork() }
        #expect(try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: keyID)).keyMetadata?.keyState == .pendingDeletion)
        #expect(try await harness.kms.runDueLifecycleWork().map(\.kind) == [.deleted])
    }

    @Test func eventsAreTheGuidesEventBridgeDocuments() {
        let key = Self.key()
        let expected = [
            (KeyLifecycleEvent.Kind.rotated, "KMS CMK Rotation"), (.deleted, "KMS CMK Deletion"),
            (.materialExpired, "KMS Imported Key Material Expiration"),
        ]
        for (kind, detailType) in expected {
            let document = KeyLifecycleEventDocument(KeyLifecycleEvent(kind: kind, key: key, time: Self.start),
                                                     id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718")
            #expect(document.jsonLine == #"{"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"\#(detailType)","#
                + #""source":"aws.kms","account":"000000000000","time":"2023-11-14T22:13:20Z","region":"us-east-1","#
                + #""resources":["arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab"],"#
                + #""detail":{"key-id":"1234abcd-12ab-34cd-56ef-1234567890ab"}}"#)
        }
    }
}

/// Epoch-second conversions of the clock clamp rather than trap.
@Suite struct EpochSecondTests {
    @Test func datesBeyondInt64AreClampedAndOrdinaryOnesTruncated() {
        #expect(EpochSeconds.clamped(Date(timeIntervalSince1970: 1_700_000_000.9)) == 1_700_000_000)
        #expect(EpochSeconds.clamped(Date(timeIntervalSince1970: 1e19)) == .max)
        #expect(EpochSeconds.clamped(Date(timeIntervalSince1970: -1e19)) == .min)
        #expect(EpochSeconds.clamped(.distantFuture) == 64_092_211_200)
        #expect(EpochSeconds.clamped(Date(timeIntervalSince1970: .nan)) == 0)
    }

    @Test func encryptingWithTheClockBeyondInt64SecondsDoesNotTrap() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!.keyId
        harness.clock.advance(by: 1e19)  // the manual clock has no bound: the KMS must not trap
        _ = try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("x".utf8)))
    }
}
