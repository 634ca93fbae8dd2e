import ArcaTestSupport
import Crypto
import Foundation
import Testing
import _CryptoExtras
@testable import KeyManagement

/// Importing key material: the wrapping algorithms, the import token, and the operations over the
/// key state, expiry and reimport rules.
@Suite struct ImportKeyMaterialTests {
    static let random = SeededRandom(seed: "import-tests")
    static let material = random.bytes(32)

    /// Wraps material as a client following the AWS docs would, with swift-crypto's RSA.
    static func wrap(_ material: [UInt8], for publicKeyDER: Data, _ algorithm: AlgorithmSpec) throws -> Data {
        let publicKey = try _RSA.Encryption.PublicKey(derRepresentation: publicKeyDER)
        let padding = try #require(algorithm.rsaPadding)
        switch algorithm {
        case .rsaAesKeyWrapSha1, .rsaAesKeyWrapSha256:
            let aesKey = random.bytes(32)
            return try publicKey.encrypt(aesKey, padding: padding)
                + AESKeyWrapPadding.wrap(material, kek: SymmetricKey(data: aesKey))
        default:
            return try publicKey.encrypt(material, padding: padding)
        }
    }

    static let never = ExpirationModelType.keyMaterialDoesNotExpire

    func externalKey(_ harness: KMSTestHarness) async throws -> String {
        try #require(try await harness.call(CreateKey.self, CreateKeyRequest(origin: .external)).keyMetadata?.keyId)
    }

    func importMaterial(_ harness: KMSTestHarness, _ keyID: String, _ material: [UInt8] = material,
                        algorithm: AlgorithmSpec = .rsaesOaepSha256, expiration: ExpirationModelType? = never,
                        validTo: Date? = nil) async throws -> ImportKeyMaterialResponse {
        let parameters = try await harness.call(GetParametersForImport.self, GetParametersForImportRequest(
            keyId: keyID, wrappingAlgorithm: algorithm, wrappingKeySpec: .rsa2048))
        return try await harness.call(ImportKeyMaterial.self, ImportKeyMaterialRequest(
            keyId: keyID, importToken: try #require(parameters.importToken),
            encryptedKeyMaterial: try Self.wrap(material, for: try #require(parameters.publicKey), algorithm),
            validTo: validTo, expirationModel: expiration))
    }

    @Test(arguments: [AlgorithmSpec.rsaesPkcs1V15, .rsaesOaepSha1, .rsaesOaepSha256, .rsaAesKeyWrapSha1, .rsaAesKeyWrapSha256])
    func everyAlgorithmImportsAndTheKeyWorks(_ algorithm: AlgorithmSpec) async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await externalKey(harness)
        await expectKMSError(.kmsInvalidState) {
            try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("x".utf8)))
        }
        let imported = try await importMaterial(harness, keyID, algorithm: algorithm)
        let metadata = try #require(try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: keyID)).keyMetadata)
        #expect(metadata.keyState == .enabled && metadata.expirationModel == .keyMaterialDoesNotExpire)
        #expect(metadata.currentKeyMaterialId == imported.keyMaterialId)
        let blob = try #require(try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("y".utf8))).ciphertextBlob)
        #expect(try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: blob)).plaintext == Data("y".utf8))
    }

    @Test func theImportTokenIsBoundToItsKeyAndExpires() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await externalKey(harness)
        let otherID = try await externalKey(harness)
        let parameters = try await harness.call(GetParametersForImport.self, GetParametersForImportRequest(
            keyId: keyID, wrappingAlgorithm: .rsaesOaepSha256, wrappingKeySpec: .rsa2048))
        let token = try #require(parameters.importToken)
        let wrapped = try Self.wrap(Self.material, for: try #require(parameters.publicKey), .rsaesOaepSha256)
        #expect(parameters.parametersValidTo == harness.clock.now.addingTimeInterval(24 * 3600))
        func attempt(_ key: String, _ token: Data, _ wrapped: Data) async throws {
            _ = try await harness.call(ImportKeyMaterial.self, ImportKeyMaterialRequest(
                keyId: key, importToken: token, encryptedKeyMaterial: wrapped, expirationModel: Self.never))
        }
        await expectKMSError(.invalidImportToken) { try await attempt(otherID, token, wrapped) }
        for index in [0, 5, 40, token.count - 1] {
            var forged = token
            forged[index] ^= 1
            await expectKMSError(.invalidImportToken) { try await attempt(keyID, forged, wrapped) }
        }
        var corrupted = wrapped
        corrupted[10] ^= 1
        await expectKMSError(.invalidCiphertext) { try await attempt(keyID, token, corrupted) }
        harness.clock.advance(by: 24 * 3600 + 1)
        await expectKMSError(.expiredImportToken) { try await attempt(keyID, token, wrapped) }
    }

    @Test func validToRulesFollowTheExpirationModel() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await externalKey(harness)
        await expectKMSError(.validation, message: "A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES") {
            try await importMaterial(harness, keyID, expiration: nil)
        }
        await expectKMSError(.validation) {
            try await importMaterial(harness, keyID, expiration: Self.never, validTo: harness.clock.now.addingTimeInterval(3600))
        }
        for tooSoonOrLate: TimeInterval in [60, 366 * 86_400] {
            await expectKMSError(.validation) {
                try await importMaterial(harness, keyID, expiration: .keyMaterialExpires,
                                         validTo: harness.clock.now.addingTimeInterval(tooSoonOrLate))
            }
        }
    }

    @Test func expiredMaterialIsDeletedAndOnlyTheSameMaterialComesBack() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await externalKey(harness)
        _ = try await importMaterial(harness, keyID, expiration: .keyMaterialExpires,
                                     validTo: harness.clock.now.addingTimeInterval(3 * 86_400))
        let blob = try #require(try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("z".utf8))).ciphertextBlob)
        harness.clock.advance(by: 3 * 86_400)
        #expect(try await harness.kms.runDueLifecycleWork().map(\.kind) == [.materialExpired])
        let metadata = try #require(try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: keyID)).keyMetadata)
        #expect(metadata.keyState == .pendingImport && metadata.validTo == nil && metadata.expirationModel == nil)
        #expect(try await harness.store.load().materials.filter { $0.keyID.rawValue == keyID }.isEmpty)
        await expectKMSError(.incorrectKeyMaterial) { try await importMaterial(harness, keyID, Self.random.bytes(32)) }
        _ = try await importMaterial(harness, keyID, algorithm: .rsaAesKeyWrapSha1)
        #expect(try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: blob)).plaintext == Data("z".utf8))
    }

    @Test func theSM2WrappingKeyIsForTheChinaRegions() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await externalKey(harness)
        await expectKMSError(.unsupportedOperation, message: "WrappingKeySpec SM2 is not supported in this Region") {
            try await harness.call(GetParametersForImport.self, GetParametersForImportRequest(
                keyId: keyID, wrappingAlgorithm: .sm2pke, wrappingKeySpec: .sm2))
        }
        await expectKMSError(.unsupportedOperation, message: "WrappingAlgorithm SM2PKE is not supported in this Region") {
            try await harness.call(GetParametersForImport.self, GetParametersForImportRequest(
                keyId: keyID, wrappingAlgorithm: .sm2pke, wrappingKeySpec: .rsa2048))
        }
    }

    @Test func onlyExternalKeysTakeImportedMaterial() async throws {
        let harness = try await KMSTestHarness()
        let native = try #require(try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata)
        await expectKMSError(.unsupportedOperation, message: "\(try #require(native.arn)) origin is AWS_KMS which is not valid for this operation.") {
            try await harness.call(GetParametersForImport.self, GetParametersForImportRequest(
                keyId: native.keyId, wrappingAlgorithm: .rsaesOaepSha256, wrappingKeySpec: .rsa2048))
        }
        await expectKMSError(.unsupportedOperation) {
            try await harness.call(DeleteImportedKeyMaterial.self, DeleteImportedKeyMaterialRequest(keyId: native.keyId))
        }
        let keyID = try await externalKey(harness)
        await expectKMSError(.incorrectKeyMaterial) { try await importMaterial(harness, keyID, Array(Self.material.prefix(16))) }
        await expectKMSError(.kmsInvalidState) {
            try await harness.call(RotateKeyOnDemand.self, RotateKeyOnDemandRequest(keyId: keyID))
        }
    }
}
