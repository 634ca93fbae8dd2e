import ArcaTestSupport
import Crypto
import Foundation
import Testing
@testable import KeyManagement

/// CreateKey's spec and usage rules, the metadata of each key type, and the operations of
/// asymmetric and HMAC keys as the service runs them (the cryptography itself is checked in
/// Algorithms/ against published vectors, and in compat/ with Python's `cryptography`).
@Suite struct KeyTypeOperationsTests {
    static let account = "arn:aws:kms:us-east-1:111122223333:key/"

    func createKey(_ harness: KMSTestHarness, _ spec: KeySpec, _ usage: KeyUsageType) async throws -> KeyMetadata {
        try await harness.call(CreateKey.self, CreateKeyRequest(keyUsage: usage, keySpec: spec)).keyMetadata!
    }

    @Test func createKeyRefusesEveryUsageItsSpecCannotHave() async throws {
        let harness = try await KMSTestHarness()
        for spec in KeySpec.allCases where spec != .symmetricDefault {
            for usage in KeyUsageType.allCases where !spec.keyUsages.contains(usage) {
                await expectKMSError(.validation, message: "KeyUsage \(usage.rawValue) is not compatible with KeySpec \(spec.rawValue)") {
                    try await harness.call(CreateKey.self, CreateKeyRequest(keyUsage: usage, keySpec: spec))
                }
            }
        }
        await expectKMSError(.validation, message: "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.") {
            try await harness.call(CreateKey.self, CreateKeyRequest(keySpec: .hmac256))
        }
    }

    @Test func specsNotBuiltYetAreRefusedAsUnsupported() async throws {
        let harness = try await KMSTestHarness()
        for spec in KeySpec.allCases where !spec.isSupported {
            await expectKMSError(.unsupportedOperation) {
                try await harness.call(CreateKey.self, CreateKeyRequest(keyUsage: .signVerify, keySpec: spec))
            }
        }
    }

    @Test func metadataListsTheAlgorithmsOfTheSpecAndUsage() async throws {
        let harness = try await KMSTestHarness()
        let hmac = try await createKey(harness, .hmac384, .generateVerifyMac)
        #expect(hmac.macAlgorithms == [.hmacSha384])
        #expect(hmac.encryptionAlgorithms == nil && hmac.signingAlgorithms == nil && hmac.keyAgreementAlgorithms == nil)
        #expect(hmac.currentKeyMaterialId == nil)
        #expect(hmac.customerMasterKeySpec == .hmac384)

        let signing = try await createKey(harness, .eccNistP521, .signVerify)
        #expect(signing.signingAlgorithms == [.ecdsaSha512])
        #expect(signing.encryptionAlgorithms == nil && signing.macAlgorithms == nil)

        let agreement = try await createKey(harness, .eccNistP256, .keyAgreement)
        #expect(agreement.keyAgreementAlgorithms == [.ecdh])
        #expect(agreement.signingAlgorithms == nil)

        let edwards = try await createKey(harness, .eccNistEdwards25519, .signVerify)
        #expect(edwards.signingAlgorithms == [.ed25519Sha512, .ed25519PhSha512])

        let symmetric = try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!
        #expect(symmetric.encryptionAlgorithms == [.symmetricDefault])
        #expect(symmetric.currentKeyMaterialId != nil)
    }

    @Test func signAndVerifyWithAnECCKey() async throws {
        let harness = try await KMSTestHarness()
        let key = try await createKey(harness, .eccNistP256, .signVerify)
        let message = Data("release 1.2.3".utf8)
        let signed = try await harness.call(Sign.self, SignRequest(keyId: key.keyId, message: message, signingAlgorithm: .ecdsaSha256))
        #expect(signed.keyId == Self.account + key.keyId)
        #expect(signed.signingAlgorithm == .ecdsaSha256)

        // The public key GetPublicKey hands out verifies the signature outside KMS.
        let published = try await harness.call(GetPublicKey.self, GetPublicKeyRequest(keyId: key.keyId))
        let publicKey = try P256.Signing.PublicKey(derRepresentation: published.publicKey!)
        let signature = try P256.Signing.ECDSASignature(derRepresentation: signed.signature!)
        #expect(publicKey.isValidSignature(signature, for: message))
        #expect(published.signingAlgorithms == [.ecdsaSha256] && published.keyUsage == .signVerify)

        let verified = try await harness.call(Verify.self, VerifyRequest(keyId: key.keyId, message: message,
                                                                        signature: signed.signature!, signingAlgorithm: .ecdsaSha256))
        #expect(verified.signatureValid == true)
        await expectKMSError(.kmsInvalidSignature, message: "") {
            try await harness.call(Verify.self, VerifyRequest(keyId: key.keyId, message: Data("release 1.2.4".utf8),
                                                             signature: signed.signature!, signingAlgorithm: .ecdsaSha256))
        }
        // A digest signed as DIGEST verifies as the RAW message it is the hash of.
        let digest = Data(SHA256.hash(data: message))
        let overDigest = try await harness.call(Sign.self, SignRequest(keyId: key.keyId, message: digest, messageType: .digest,
                                                                       signingAlgorithm: .ecdsaSha256))
        _ = try await harness.call(Verify.self, VerifyRequest(keyId: key.keyId, message: message,
                                                             signature: overDigest.signature!, signingAlgorithm: .ecdsaSha256))
    }

    @Test func signAndVerifyWithAnMLDSAKey() async throws {
        let harness = try await KMSTestHarness()
        let key = try await createKey(harness, .mlDsa65, .signVerify)
        #expect(key.signingAlgorithms == [.mlDsaShake256] && key.customerMasterKeySpec == nil)
        let message = Data("firmware 4.5.6".utf8)
        let signed = try await harness.call(Sign.self, SignRequest(keyId: key.keyId, message: message, messageType: .raw,
                                                                   signingAlgorithm: .mlDsaShake256))
        #expect(signed.signature?.count == 3309 && signed.signingAlgorithm == .mlDsaShake256)

        // The SubjectPublicKeyInfo ends with the raw FIPS 204 public key, which verifies outside KMS.
        let published = try await harness.call(GetPublicKey.self, GetPublicKeyRequest(keyId: key.keyId))
        #expect(published.keySpec == .mlDsa65 && published.signingAlgorithms == [.mlDsaShake256])
        let der = try #require(published.publicKey)
        #expect(der.count == 1974)
        let publicKey = try MLDSA65.PublicKey(rawRepresentation: der.suffix(1952))
        #expect(publicKey.isValidSignature(signed.signature!, for: message))

        let verified = try await harness.call(Verify.self, VerifyRequest(keyId: key.keyId, message: message,
                                                                        signature: signed.signature!, signingAlgorithm: .mlDsaShake256))
        #expect(verified.signatureValid == true)
        await expectKMSError(.kmsInvalidSignature, message: "") {
            try await harness.call(Verify.self, VerifyRequest(keyId: key.keyId, message: Data("firmware 4.5.7".utf8),
                                                             signature: signed.signature!, signingAlgorithm: .mlDsaShake256))
        }
        await expectKMSError(.validation) {
            try await harness.call(Sign.self, SignRequest(keyId: key.keyId, message: Data(count: 64), messageType: .digest,
                                                          signingAlgorithm: .mlDsaShake256))
        }
        // EXTERNAL_MU signs and verifies a 64-byte μ.
        let fromMu = try await harness.call(Sign.self, SignRequest(keyId: key.keyId, message: Data(count: 64), messageType: .externalMu,
                                                                   signingAlgorithm: .mlDsaShake256))
        #expect(fromMu.signature?.count == 3309 && fromMu.signingAlgorithm == .mlDsaShake256)
        let verifiedMu = try await harness.call(Verify.self, VerifyRequest(
            keyId: key.keyId, message: Data(count: 64), messageType: .externalMu, signature: fromMu.signature!,
            signingAlgorithm: .mlDsaShake256))
        #expect(verifiedMu.signatureValid == true)
        await expectKMSError(.kmsInvalidSignature) {
            try await harness.call(Verify.self, VerifyRequest(keyId: key.keyId, message: Data(repeating: 1, count: 64),
                                                             messageType: .externalMu, signature: fromMu.signature!,
                                                             signingAlgorithm: .mlDsaShake256))
        }
        await expectKMSError(.invalidKeyUsage, message: "Algorithm ECDSA_SHA_256 is incompatible with key spec ML_DSA_65.") {
            try await harness.call(Sign.self, SignRequest(keyId: key.keyId, message: message, signingAlgorithm: .ecdsaSha256))
        }
    }

    @Test func mlDSA44KeysAreCreatedAndSign() async throws {
        let harness = try await KMSTestHarness()
        let key = try await createKey(harness, .mlDsa44, .signVerify)
        #expect(key.keySpec == .mlDsa44 && key.signingAlgorithms == [.mlDsaShake256])
        let published = try await harness.call(GetPublicKey.self, GetPublicKeyRequest(keyId: key.keyId))
        let der = try #require(published.publicKey)
        #expect(der.count == 1334 && der.starts(with: MLDSAKeyEncoding.subjectPublicKeyInfoPrefix(.mlDSA44)))
        let message = Data("firmware 4.4.4".utf8)
        let signed = try await harness.call(Sign.self, SignRequest(keyId: key.keyId, message: message, messageType: .raw,
                                                                   signingAlgorithm: .mlDsaShake256))
        #expect(signed.signature?.count == 2420)
        let verified = try await harness.call(Verify.self, VerifyRequest(keyId: key.keyId, message: message,
                                                                        signature: signed.signature!, signingAlgorithm: .mlDsaShake256))
        #expect(verified.signatureValid == true)
        await expectKMSError(.kmsInvalidSignature, message: "") {
            try await harness.call(Verify.self, VerifyRequest(keyId: key.keyId, message: Data("firmware 4.4.5".utf8),
                                                             signature: signed.signature!, signingAlgorithm: .mlDsaShake256))
        }
    }

    @Test func signAndVerifyWithEd25519phOverADigest() async throws {
        let harness = try await KMSTestHarness()
        let key = try await createKey(harness, .eccNistEdwards25519, .signVerify)
        let digest = Data(SHA512.hash(data: Data("release 2.0.0".utf8)))
        let signed = try await harness.call(Sign.self, SignRequest(keyId: key.keyId, message: digest, messageType: .digest,
                                                                   signingAlgorithm: .ed25519PhSha512))
        #expect(signed.signingAlgorithm == .ed25519PhSha512 && signed.signature?.count == 64)
        let verified = try await harness.call(Verify.self, VerifyRequest(keyId: key.keyId, message: digest, messageType: .digest,
                                                                        signature: signed.signature!, signingAlgorithm: .ed25519PhSha512))
        #expect(verified.signatureValid == true)
        var tampered = signed.signature!
        tampered[0] ^= 0x01
        await expectKMSError(.kmsInvalidSignature, message: "") {
            try await harness.call(Verify.self, VerifyRequest(keyId: key.keyId, message: digest, messageType: .digest,
                                                             signature: tampered, signingAlgorithm: .ed25519PhSha512))
        }
        await expectKMSError(.validation, message: "Signing algorithm ED25519_PH_SHA_512 requires MessageType DIGEST.") {
            try await harness.call(Sign.self, SignRequest(keyId: key.keyId, message: digest, messageType: .raw,
                                                          signingAlgorithm: .ed25519PhSha512))
        }
        await expectKMSError(.validation, message: "Digest is invalid length for algorithm ED25519_PH_SHA_512.") {
            try await harness.call(Sign.self, SignRequest(keyId: key.keyId, message: digest.prefix(32), messageType: .digest,
                                                          signingAlgorithm: .ed25519PhSha512))
        }
    }

    @Test func signRefusesWhatTheKeyCannotDo() async throws {
        let harness = try await KMSTestHarness()
        let key = try await createKey(harness, .eccNistP256, .signVerify)
        let message = Data("m".utf8)
        await expectKMSError(.invalidKeyUsage, message: "Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.") {
            try await harness.call(Sign.self, SignRequest(keyId: key.keyId, message: message, signingAlgorithm: .ecdsaSha384))
        }
        await expectKMSError(.validation, message: "Digest is invalid length for algorithm ECDSA_SHA_256.") {
            try await harness.call(Sign.self, SignRequest(keyId: key.keyId, message: message, messageType: .digest,
                                                          signingAlgorithm: .ecdsaSha256))
        }
        await expectKMSError(.dryRunOperation) {
            try await harness.call(Sign.self, SignRequest(keyId: key.keyId, message: message, signingAlgorithm: .ecdsaSha256, dryRun: true))
        }
        let mac = try await createKey(harness, .hmac256, .generateVerifyMac)
        await expectKMSError(.invalidKeyUsage,
                             message: "\(Self.account + mac.keyId) key usage is GENERATE_VERIFY_MAC which is not valid for Sign.") {
            try await harness.call(Sign.self, SignRequest(keyId: mac.keyId, message: message, signingAlgorithm: .ecdsaSha256))
        }
        _ = try await harness.call(DisableKey.self, DisableKeyRequest(keyId: key.keyId))
        await expectKMSError(.disabled, message: "\(Self.account + key.keyId) is disabled.") {
            try await harness.call(Sign.self, SignRequest(keyId: key.keyId, message: message, signingAlgorithm: .ecdsaSha256))
        }
    }

    @Test func generateMacAndVerifyMac() async throws {
        let harness = try await KMSTestHarness()
        let key = try await createKey(harness, .hmac224, .generateVerifyMac)
        let message = Data("token payload".utf8)
        let generated = try await harness.call(GenerateMac.self, GenerateMacRequest(message: message, keyId: key.keyId, macAlgorithm: .hmacSha224))
        #expect(generated.mac?.count == 28)
        let verified = try await harness.call(VerifyMac.self, VerifyMacRequest(message: message, keyId: key.keyId,
                                                                              macAlgorithm: .hmacSha224, mac: generated.mac!))
        #expect(verified.macValid == true && verified.keyId == Self.account + key.keyId)
        await expectKMSError(.kmsInvalidMac, message: "") {
            try await harness.call(VerifyMac.self, VerifyMacRequest(message: Data("other".utf8), keyId: key.keyId,
                                                                   macAlgorithm: .hmacSha224, mac: generated.mac!))
        }
        await expectKMSError(.invalidKeyUsage, message: "Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.") {
            try await harness.call(GenerateMac.self, GenerateMacRequest(message: message, keyId: key.keyId, macAlgorithm: .hmacSha256))
        }
        // An HMAC key encrypts nothing.
        await expectKMSError(.invalidKeyUsage) {
            try await harness.call(GenerateDataKey.self, GenerateDataKeyRequest(keyId: key.keyId, keySpec: .aes256))
        }
        await expectKMSError(.unsupportedOperation) {
            try await harness.call(GetPublicKey.self, GetPublicKeyRequest(keyId: key.keyId))
        }
    }

    @Test func rsaEncryptionNeedsItsAlgorithmAndKeyIdAndNoContext() async throws {
        let harness = try await KMSTestHarness()
        let key = try await createKey(harness, .rsa2048, .encryptDecrypt)
        #expect(key.encryptionAlgorithms == [.rsaesOaepSha1, .rsaesOaepSha256])
        let plaintext = Data("wrapped secret".utf8)
        await expectKMSError(.invalidKeyUsage, message: "Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.") {
            try await harness.call(Encrypt.self, EncryptRequest(keyId: key.keyId, plaintext: plaintext))
        }
        await expectKMSError(.validation) {
            try await harness.call(Encrypt.self, EncryptRequest(keyId: key.keyId, plaintext: plaintext, encryptionContext: ["a": "b"],
                                                                encryptionAlgorithm: .rsaesOaepSha256))
        }
        let encrypted = try await harness.call(Encrypt.self, EncryptRequest(keyId: key.keyId, plaintext: plaintext,
                                                                             encryptionAlgorithm: .rsaesOaepSha256))
        #expect(encrypted.ciphertextBlob?.count == 256 && encrypted.encryptionAlgorithm == .rsaesOaepSha256)
        let decrypted = try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: encrypted.ciphertextBlob!, keyId: key.keyId,
                                                                             encryptionAlgorithm: .rsaesOaepSha256))
        #expect(decrypted.plaintext == plaintext && decrypted.encryptionAlgorithm == .rsaesOaepSha256)
        #expect(decrypted.keyMaterialId == nil)
        // Without KeyId an RSA ciphertext names no key.
        await expectKMSError(.invalidCiphertext) {
            try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: encrypted.ciphertextBlob!, encryptionAlgorithm: .rsaesOaepSha256))
        }
        // ReEncrypt moves it under a symmetric key and back.
        let symmetric = try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!
        let moved = try await harness.call(ReEncrypt.self, ReEncryptRequest(
            ciphertextBlob: encrypted.ciphertextBlob!, sourceKeyId: key.keyId, destinationKeyId: symmetric.keyId,
            sourceEncryptionAlgorithm: .rsaesOaepSha256))
        #expect(moved.sourceEncryptionAlgorithm == .rsaesOaepSha256 && moved.destinationEncryptionAlgorithm == .symmetricDefault)
        let back = try await harness.call(ReEncrypt.self, ReEncryptRequest(
            ciphertextBlob: moved.ciphertextBlob!, destinationKeyId: key.keyId, destinationEncryptionAlgorithm: .rsaesOaepSha1))
        let opened = try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: back.ciphertextBlob!, keyId: key.keyId,
                                                                          encryptionAlgorithm: .rsaesOaepSha1))
        #expect(opened.plaintext == plaintext)
    }

    @Test func deriveSharedSecretAgreesWithThePeer() async throws {
        let harness = try await KMSTestHarness()
        let key = try await createKey(harness, .eccNistP384, .keyAgreement)
        let peer = P384.KeyAgreement.PrivateKey()
        let derived = try await harness.call(DeriveSharedSecret.self, DeriveSharedSecretRequest(
            keyId: key.keyId, keyAgreementAlgorithm: .ecdh, publicKey: peer.publicKey.derRepresentation))
        let published = try await harness.call(GetPublicKey.self, GetPublicKeyRequest(keyId: key.keyId))
        let arcaPublic = try P384.KeyAgreement.PublicKey(derRepresentation: published.publicKey!)
        let expected = try peer.sharedSecretFromKeyAgreement(with: arcaPublic).withUnsafeBytes { Data($0) }
        #expect(derived.sharedSecret == expected)
        #expect(derived.keyOrigin == .awsKms && derived.keyAgreementAlgorithm == .ecdh)
        await expectKMSError(.invalidKeyUsage) {
            try await harness.call(Sign.self, SignRequest(keyId: key.keyId, message: Data("m".utf8), signingAlgorithm: .ecdsaSha384))
        }
    }

    @Test func grantsAllowOnlyTheOperationsOfTheKeyType() async throws {
        let harness = try await KMSTestHarness()
        let signing = try await createKey(harness, .eccNistEdwards25519, .signVerify)
        let grantee = "arn:aws:iam::111122223333:user/signer"
        _ = try await harness.call(CreateGrant.self, CreateGrantRequest(keyId: signing.keyId, granteePrincipal: grantee,
                                                                       operations: [.sign, .verify, .getPublicKey]))
        await expectKMSError(.validation) {
            try await harness.call(CreateGrant.self, CreateGrantRequest(keyId: signing.keyId, granteePrincipal: grantee, operations: [.encrypt]))
        }
        let symmetric = try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!
        await expectKMSError(.validation) {
            try await harness.call(CreateGrant.self, CreateGrantRequest(keyId: symmetric.keyId, granteePrincipal: grantee, operations: [.sign]))
        }
    }

    @Test func onlySymmetricKeysRotate() async throws {
        let harness = try await KMSTestHarness()
        let key = try await createKey(harness, .hmac512, .generateVerifyMac)
        await expectKMSError(.unsupportedOperation) {
            try await harness.call(EnableKeyRotation.self, EnableKeyRotationRequest(keyId: key.keyId))
        }
        await expectKMSError(.unsupportedOperation) {
            try await harness.call(RotateKeyOnDemand.self, RotateKeyOnDemandRequest(keyId: key.keyId))
        }
    }

    @Test func importedMaterialMustFitTheKeysSpec() async throws {
        let harness = try await KMSTestHarness()
        let bounds: [(KeySpec, ClosedRange<Int>)] = [(.hmac224, 28...64), (.hmac256, 32...64), (.hmac384, 48...128), (.hmac512, 64...128)]
        for (spec, lengths) in bounds {
            let key = try await harness.call(CreateKey.self, CreateKeyRequest(keyUsage: .generateVerifyMac, keySpec: spec,
                                                                              origin: .external)).keyMetadata!
            let stored = try #require(harness.kms.ring.read { $0.keys[KeyID(key.keyId)!] })
            for length in [lengths.lowerBound, lengths.upperBound] {
                _ = try harness.kms.importedMaterial(Array(repeating: 7, count: length), for: stored)
            }
            for length in [lengths.lowerBound - 1, lengths.upperBound + 1] {
                await expectKMSError(.incorrectKeyMaterial) {
                    try harness.kms.importedMaterial(Array(repeating: 7, count: length), for: stored)
                }
            }
        }
        let p256 = try await harness.call(CreateKey.self, CreateKeyRequest(keyUsage: .signVerify, keySpec: .eccNistP256,
                                                                           origin: .external)).keyMetadata!
        let stored = try #require(harness.kms.ring.read { $0.keys[KeyID(p256.keyId)!] })
        let local = P256.Signing.PrivateKey()
        let imported = try harness.kms.importedMaterial(Array(local.derRepresentation), for: stored)
        let parsed = try imported.key.withUnsafeBytes { try AsymmetricPrivateKey(spec: .eccNistP256, pkcs8DER: Data($0)) }
        #expect(parsed.publicKey.derRepresentation == local.publicKey.derRepresentation)
        await expectKMSError(.incorrectKeyMaterial) {
            try harness.kms.importedMaterial(Array(P384.Signing.PrivateKey().derRepresentation), for: stored)
        }
    }

    @Test func importedMLDSAMaterialIsTheSeedForm() async throws {
        let harness = try await KMSTestHarness()
        let key = try await harness.call(CreateKey.self, CreateKeyRequest(keyUsage: .signVerify, keySpec: .mlDsa87,
                                                                          origin: .external)).keyMetadata!
        let stored = try #require(harness.kms.ring.read { $0.keys[KeyID(key.keyId)!] })
        let local = try MLDSA87.PrivateKey()
        let seedForm = MLDSAKeyEncoding.pkcs8(seed: local.seedRepresentation, .mlDSA87)
        let imported = try harness.kms.importedMaterial(Array(seedForm), for: stored)
        let parsed = try imported.key.withUnsafeBytes { try AsymmetricPrivateKey(spec: .mlDsa87, pkcs8DER: Data($0)) }
        #expect(parsed.publicKey.derRepresentation.suffix(2592) == local.publicKey.rawRepresentation)
        await expectKMSError(.incorrectKeyMaterial,
                             message: "The key material is not a DER-encoded PKCS #8 private key of key spec ML_DSA_87.") {
            try harness.kms.importedMaterial(Array(MLDSAKeyEncoding.pkcs8(seed: local.seedRepresentation, .mlDSA65)), for: stored)
        }
        await expectKMSError(.incorrectKeyMaterial) { try harness.kms.importedMaterial(Array(local.seedRepresentation), for: stored) }
    }
}
