import ArcaTestSupport
import Foundation
import ServiceCalls
import Testing
@testable import KeyManagement

/// Several imported materials in one symmetric encryption key: `ImportType` NEW_KEY_MATERIAL,
/// on-demand rotation to the material pending rotation, deletion and reimport by `KeyMaterialId`,
/// expiry per material, and ListKeyRotations' view of all of it.
@Suite struct ImportedMaterialRotationTests {
    static let random = SeededRandom(seed: "imported-rotation-tests")
    static let first = random.bytes(32)
    static let second = random.bytes(32)
    static let third = random.bytes(32)

    @discardableResult
    func importMaterial(_ harness: KMSTestHarness, _ keyID: String, _ material: [UInt8], type: ImportType? = nil,
                        materialID: String? = nil, description: String? = nil,
                        expiration: ExpirationModelType = .keyMaterialDoesNotExpire,
                        validTo: Date? = nil, as context: CallContext = KMSTestHarness.context())
                        async throws -> ImportKeyMaterialResponse {
        let parameters = try await harness.call(GetParametersForImport.self, GetParametersForImportRequest(
            keyId: keyID, wrappingAlgorithm: .rsaesOaepSha256, wrappingKeySpec: .rsa2048), as: context)
        return try await harness.call(ImportKeyMaterial.self, ImportKeyMaterialRequest(
            keyId: keyID, importToken: try #require(parameters.importToken),
            encryptedKeyMaterial: try ImportKeyMaterialTests.wrap(material, for: try #require(parameters.publicKey),
                                                                  .rsaesOaepSha256),
            validTo: validTo, expirationModel: expiration, importType: type, keyMaterialDescription: description,
            keyMaterialId: materialID), as: context)
    }

    func externalKey(_ harness: KMSTestHarness, spec: KeySpec = .symmetricDefault,
                     usage: KeyUsageType = .encryptDecrypt) async throws -> String {
        try #require(try await harness.call(CreateKey.self, CreateKeyRequest(
            keyUsage: usage, keySpec: spec, origin: .external)).keyMetadata?.keyId)
    }

    func metadata(_ harness: KMSTestHarness, _ keyID: String,
                  as context: CallContext = KMSTestHarness.context()) async throws -> KeyMetadata {
        try #require(try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: keyID), as: context).keyMetadata)
    }

    func materials(_ harness: KMSTestHarness, _ keyID: String, all: Bool = true,
                   as context: CallContext = KMSTestHarness.context()) async throws -> [RotationsListEntry] {
        try #require(try await harness.call(ListKeyRotations.self, ListKeyRotationsRequest(
            keyId: keyID, includeKeyMaterial: all ? .allKeyMaterial : nil), as: context).rotations)
    }

    let east = KMSTestHarness.context(region: "us-east-1")
    let west = KMSTestHarness.context(region: "us-west-2")

    /// A multi-Region key of origin EXTERNAL in us-east-1, with a replica in us-west-2 that finished creating.
    func multiRegionExternalKey(_ harness: KMSTestHarness) async throws -> String {
        let keyID = try #require(try await harness.call(CreateKey.self, CreateKeyRequest(
            origin: .external, multiRegion: true), as: east).keyMetadata?.keyId)
        _ = try await harness.call(ReplicateKey.self, ReplicateKeyRequest(keyId: keyID, replicaRegion: "us-west-2"), as: east)
        try await harness.kms.runDueLifecycleWork()
        return keyID
    }

    func encrypt(_ harness: KMSTestHarness, _ keyID: String, _ text: String,
                 as context: CallContext = KMSTestHarness.context()) async throws -> Data {
        try #require(try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data(text.utf8)),
                                            as: context).ciphertextBlob)
    }

    @Test func newMaterialWaitsPendingRotationUntilRotateKeyOnDemandMakesItCurrent() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await externalKey(harness)
        let firstID = try #require(try await importMaterial(harness, keyID, Self.first, description: "first").keyMaterialId)
        let before = try await encrypt(harness, keyID, "before")
        let secondID = try #require(try await importMaterial(harness, keyID, Self.second, type: .newKeyMaterial).keyMaterialId)
        #expect(firstID != secondID)

        // Pending material is listed only with ALL_KEY_MATERIAL and encrypts nothing yet.
        #expect(try await metadata(harness, keyID).currentKeyMaterialId == firstID)
        #expect(try await materials(harness, keyID, all: false).isEmpty)
        let pending = try await materials(harness, keyID)
        #expect(pending.map(\.keyMaterialId) == [firstID, secondID])
        #expect(pending.map(\.keyMaterialState) == [.current, .pendingRotation])
        #expect(pending.map(\.importState) == [.imported, .imported])
        #expect(pending.map(\.keyMaterialDescription) == ["first", nil])
        #expect(pending.allSatisfy { $0.rotationDate == nil && $0.rotationType == nil })
        #expect(try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: before)).keyMaterialId == firstID)

        harness.clock.advance(by: 60)
        _ = try await harness.call(RotateKeyOnDemand.self, RotateKeyOnDemandRequest(keyId: keyID))
        #expect(try await metadata(harness, keyID).currentKeyMaterialId == secondID)
        let after = try await encrypt(harness, keyID, "after")
        let decrypted = try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: after))
        #expect(decrypted.plaintext == Data("after".utf8) && decrypted.keyMaterialId == secondID)
        #expect(try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: before)).plaintext == Data("before".utf8))

        let rotated = try await materials(harness, keyID, all: false)
        #expect(rotated.map(\.keyMaterialId) == [secondID])
        #expect(rotated.first?.rotationType == .onDemand && rotated.first?.rotationDate == harness.clock.now)
        #expect(try await materials(harness, keyID).map(\.keyMaterialState) == [.nonCurrent, .current])
    }

    @Test func newMaterialIsRefusedWhereAWSRefusesIt() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await externalKey(harness)
        try await importMaterial(harness, keyID, Self.first)
        let firstID = try await metadata(harness, keyID).currentKeyMaterialId
        await expectKMSError(.kmsInvalidState) {
            try await harness.call(RotateKeyOnDemand.self, RotateKeyOnDemandRequest(keyId: keyID))
        }
        await expectKMSError(.incorrectKeyMaterial) {
            try await importMaterial(harness, keyID, Self.first, type: .newKeyMaterial)
        }
        await expectKMSError(.validation) {
            try await importMaterial(harness, keyID, Self.second, type: .newKeyMaterial, materialID: firstID)
        }
        try await importMaterial(harness, keyID, Self.second, type: .newKeyMaterial)
        await expectKMSError(.kmsInvalidState) {
            try await importMaterial(harness, keyID, Self.third, type: .newKeyMaterial)
        }
        // Omitting ImportType after the first import means EXISTING_KEY_MATERIAL.
        await expectKMSError(.incorrectKeyMaterial) { try await importMaterial(harness, keyID, Self.third) }
    }

    @Test func materialPendingRotationCanBeDeletedAndReplaced() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await externalKey(harness)
        try await importMaterial(harness, keyID, Self.first)
        let secondID = try #require(try await importMaterial(harness, keyID, Self.second, type: .newKeyMaterial).keyMaterialId)
        let deleted = try await harness.call(DeleteImportedKeyMaterial.self, DeleteImportedKeyMaterialRequest(
            keyId: keyID, keyMaterialId: secondID))
        #expect(deleted.keyMaterialId == secondID)
        #expect(try await metadata(harness, keyID).keyState == .enabled)
        #expect(try await materials(harness, keyID).count == 1)
        let thirdID = try #require(try await importMaterial(harness, keyID, Self.third, type: .newKeyMaterial).keyMaterialId)
        #expect(thirdID != secondID)
        _ = try await harness.call(RotateKeyOnDemand.self, RotateKeyOnDemandRequest(keyId: keyID))
        #expect(try await metadata(harness, keyID).currentKeyMaterialId == thirdID)
    }

    @Test func deletingAnyAssociatedMaterialWaitsForThatSameMaterial() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await externalKey(harness)
        let firstID = try #require(try await importMaterial(harness, keyID, Self.first, description: "kept").keyMaterialId)
        let old = try await encrypt(harness, keyID, "old")
        try await importMaterial(harness, keyID, Self.second, type: .newKeyMaterial)
        _ = try await harness.call(RotateKeyOnDemand.self, RotateKeyOnDemandRequest(keyId: keyID))

        await expectKMSError(.notFound) {
            try await harness.call(DeleteImportedKeyMaterial.self, DeleteImportedKeyMaterialRequest(
                keyId: keyID, keyMaterialId: String(repeating: "a", count: 64)))
        }
        _ = try await harness.call(DeleteImportedKeyMaterial.self, DeleteImportedKeyMaterialRequest(
            keyId: keyID, keyMaterialId: firstID))
        #expect(try await metadata(harness, keyID).keyState == .pendingImport)
        #expect(try await materials(harness, keyID).map(\.importState) == [.pendingImport, .imported])
        await expectKMSError(.kmsInvalidState) { try await encrypt(harness, keyID, "x") }

        // The id must name the material sent; the description stays when none is sent.
        await expectKMSError(.incorrectKeyMaterial) {
            try await importMaterial(harness, keyID, Self.second, materialID: firstID)
        }
        try await importMaterial(harness, keyID, Self.first, type: .existingKeyMaterial, materialID: firstID)
        #expect(try await metadata(harness, keyID).keyState == .enabled)
        #expect(try await materials(harness, keyID).first?.keyMaterialDescription == "kept")
        #expect(try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: old)).plaintext == Data("old".utf8))
    }

    @Test func eachMaterialExpiresOnItsOwn() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await externalKey(harness)
        let now = harness.clock.now
        try await importMaterial(harness, keyID, Self.first, expiration: .keyMaterialExpires,
                                 validTo: now.addingTimeInterval(10 * 86_400))
        try await importMaterial(harness, keyID, Self.second, type: .newKeyMaterial, expiration: .keyMaterialExpires,
                                 validTo: now.addingTimeInterval(86_400))
        #expect(try await metadata(harness, keyID).validTo == now.addingTimeInterval(10 * 86_400))

        // The pending material expires first and simply goes: the key is untouched.
        harness.clock.advance(by: 86_400)
        _ = try await harness.kms.runDueLifecycleWork()
        #expect(try await metadata(harness, keyID).keyState == .enabled)
        #expect(try await materials(harness, keyID).count == 1)

        harness.clock.advance(by: 9 * 86_400)
        #expect(try await harness.kms.runDueLifecycleWork().map(\.kind) == [.materialExpired])
        let expired = try await metadata(harness, keyID)
        #expect(expired.keyState == .pendingImport && expired.validTo == nil && expired.expirationModel == nil)
        #expect(try await harness.store.load().materials.filter { $0.keyID.rawValue == keyID }.isEmpty)
    }

    @Test func onlySymmetricEncryptionKeysTakeMoreThanOneMaterial() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await externalKey(harness, spec: .hmac256, usage: .generateVerifyMac)
        let hmacKey = Self.random.bytes(32)
        await expectKMSError(.validation) {
            try await importMaterial(harness, keyID, hmacKey, description: "not for HMAC keys")
        }
        await expectKMSError(.validation) { try await importMaterial(harness, keyID, hmacKey, type: .newKeyMaterial) }
        let imported = try await importMaterial(harness, keyID, hmacKey)
        #expect(imported.keyMaterialId == nil)
        await expectKMSError(.incorrectKeyMaterial) { try await importMaterial(harness, keyID, Self.random.bytes(32)) }
    }

    @Test func everyMaterialAndItsStateSurviveARestart() async throws {
        let store = InMemoryKMSStore()
        let harness = try await KMSTestHarness(store: store)
        let keyID = try await externalKey(harness)
        try await importMaterial(harness, keyID, Self.first, description: "first")
        let blob = try await encrypt(harness, keyID, "kept")
        try await importMaterial(harness, keyID, Self.second, type: .newKeyMaterial)
        let before = try await materials(harness, keyID)

        let restarted = try await KMSTestHarness(store: store)
        #expect(try await materials(restarted, keyID) == before)
        _ = try await restarted.call(RotateKeyOnDemand.self, RotateKeyOnDemandRequest(keyId: keyID))
        #expect(try await restarted.call(Decrypt.self, DecryptRequest(ciphertextBlob: blob)).plaintext == Data("kept".utf8))
        let fresh = try await encrypt(restarted, keyID, "new")
        #expect(try await restarted.call(Decrypt.self, DecryptRequest(ciphertextBlob: fresh)).keyMaterialId
                == before.last?.keyMaterialId)
    }

    @Test func aMultiRegionKeyTakesNewMaterialInItsPrimaryAndTheSameInEachReplica() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await multiRegionExternalKey(harness)
        #expect(try await metadata(harness, keyID, as: west).keyState == .pendingImport)
        await expectKMSError(.unsupportedOperation) { try await importMaterial(harness, keyID, Self.first, as: west) }

        let firstID = try #require(try await importMaterial(harness, keyID, Self.first, as: east).keyMaterialId)
        #expect(try await materials(harness, keyID, as: west).map(\.importState) == [.pendingImport])
        await expectKMSError(.incorrectKeyMaterial) { try await importMaterial(harness, keyID, Self.second, as: west) }
        #expect(try await importMaterial(harness, keyID, Self.first, as: west).keyMaterialId == firstID)
        #expect(try await metadata(harness, keyID, as: west).keyState == .enabled)
        let old = try await encrypt(harness, keyID, "old", as: east)
        #expect(try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: old), as: west).plaintext == Data("old".utf8))

        // New material waits for every replica before the primary can rotate.
        let secondID = try #require(try await importMaterial(harness, keyID, Self.second, type: .newKeyMaterial,
                                                             as: east).keyMaterialId)
        #expect(try await materials(harness, keyID, as: east).last?.keyMaterialState == .pendingMultiRegionImportAndRotation)
        await expectKMSError(.kmsInvalidState) {
            try await harness.call(RotateKeyOnDemand.self, RotateKeyOnDemandRequest(keyId: keyID), as: east)
        }
        try await importMaterial(harness, keyID, Self.second, as: west)
        #expect(try await materials(harness, keyID, as: east).last?.keyMaterialState == .pendingRotation)
        await expectKMSError(.unsupportedOperation) {
            try await harness.call(RotateKeyOnDemand.self, RotateKeyOnDemandRequest(keyId: keyID), as: west)
        }
        _ = try await harness.call(RotateKeyOnDemand.self, RotateKeyOnDemandRequest(keyId: keyID), as: east)
        #expect(try await metadata(harness, keyID, as: west).currentKeyMaterialId == secondID)
        let new = try await encrypt(harness, keyID, "new", as: west)
        #expect(try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: new), as: east).keyMaterialId == secondID)

        // Deleting the primary's pending material deletes it from the replicas too.
        let thirdID = try #require(try await importMaterial(harness, keyID, Self.third, type: .newKeyMaterial,
                                                            as: east).keyMaterialId)
        try await importMaterial(harness, keyID, Self.third, as: west)
        _ = try await harness.call(DeleteImportedKeyMaterial.self, DeleteImportedKeyMaterialRequest(
            keyId: keyID, keyMaterialId: thirdID), as: east)
        #expect(try await materials(harness, keyID, as: west).map(\.keyMaterialId) == [firstID, secondID])
        #expect(try await harness.store.load().materials.filter { $0.keyID.region == "us-west-2" }.count == 2)
    }

    /// A multi-Region primary whose material pending rotation expires, or that took over the role
    /// with the previous primary's pending material, leaves no trace of it in any copy.
    @Test func pendingMaterialLeavesEveryCopyWhenItExpiresOrIsDeletedByANewPrimary() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await multiRegionExternalKey(harness)
        let firstID = try #require(try await importMaterial(harness, keyID, Self.first, as: east).keyMaterialId)
        try await importMaterial(harness, keyID, Self.first, as: west)

        // Expiry on the primary: the replica forgets the material it also imported.
        try await importMaterial(harness, keyID, Self.second, type: .newKeyMaterial, expiration: .keyMaterialExpires,
                                 validTo: harness.clock.now.addingTimeInterval(86_400), as: east)
        try await importMaterial(harness, keyID, Self.second, as: west)
        harness.clock.advance(by: 86_400)
        try await harness.kms.runDueLifecycleWork()
        #expect(try await materials(harness, keyID, as: west).map(\.keyMaterialId) == [firstID])
        #expect(try await harness.store.load().materials.filter { $0.keyID.region == "us-west-2" }.count == 1)

        // West becomes the primary holding east's pending material it never imported; deleting it
        // there deletes it everywhere, and new material can follow.
        let thirdID = try #require(try await importMaterial(harness, keyID, Self.third, type: .newKeyMaterial,
                                                            as: east).keyMaterialId)
        _ = try await harness.call(UpdatePrimaryRegion.self, UpdatePrimaryRegionRequest(keyId: keyID, primaryRegion: "us-west-2"),
                                   as: east)
        _ = try await harness.call(DeleteImportedKeyMaterial.self, DeleteImportedKeyMaterialRequest(
            keyId: keyID, keyMaterialId: thirdID), as: west)
        #expect(try await materials(harness, keyID, as: east).map(\.keyMaterialId) == [firstID])
        #expect(try await materials(harness, keyID, as: west).map(\.keyMaterialId) == [firstID])
        try await importMaterial(harness, keyID, Self.second, type: .newKeyMaterial, as: west)
    }

    /// Material imported before imported keys could rotate keeps the KeyMaterialId it had.
    @Test func legacyImportedMaterialKeepsItsVersionDerivedID() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await externalKey(harness)
        var key = try #require(harness.kms.ring.read { $0.keys[KeyID(keyID)!] })
        let beforeImport = key.materialID(version: 1)
        key.importedMaterials = [ImportedKeyMaterial(fingerprint: "f", version: 1, expirationModel: .keyMaterialDoesNotExpire,
                                                     validTo: nil, present: true, hasVersionDerivedID: true)]
        #expect(key.materialID(version: 1) == beforeImport)
        key.importedMaterials[0].hasVersionDerivedID = nil
        #expect(key.materialID(version: 1) != beforeImport)
    }
}
