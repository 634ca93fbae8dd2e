import ArcaTestSupport
import Foundation
import Testing
@testable import KeyManagement

@Suite struct CryptoOperationsTests {
    func makeKey(_ harness: KMSTestHarness) async throws -> String {
        try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata!.keyId
    }

    @Test func encryptThenDecryptWithoutKeyIdReturnsPlaintextAndKeyARN() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await makeKey(harness)
        let encrypted = try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("secret".utf8),
                                                                             encryptionContext: ["app": "demo"]))
        #expect(encrypted.keyId == "arn:aws:kms:us-east-1:111122223333:key/\(keyID)")
        #expect(encrypted.encryptionAlgorithm == .symmetricDefault)
        let decrypted = try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: encrypted.ciphertextBlob!,
                                                                             encryptionContext: ["app": "demo"]))
        #expect(decrypted.plaintext == Data("secret".utf8))
        #expect(decrypted.keyId == encrypted.keyId)
    }

    @Test func decryptWithDifferentContextFailsAsInvalidCiphertext() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await makeKey(harness)
        let blob = try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("x".utf8),
                                                                        encryptionContext: ["app": "demo"])).ciphertextBlob!
        await expectKMSError(.invalidCiphertext) {
            try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: blob, encryptionContext: ["app": "other"]))
        }
    }

    @Test func decryptNamingAnotherKeyFailsWithIncorrectKey() async throws {
        let harness = try await KMSTestHarness()
        let first = try await makeKey(harness)
        let second = try await makeKey(harness)
        let blob = try await harness.call(Encrypt.self, EncryptRequest(keyId: first, plaintext: Data("x".utf8))).ciphertextBlob!
        await expectKMSError(.incorrectKey, message: "The key ID in the request does not identify a CMK that can perform this operation.") {
            try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: blob, keyId: second))
        }
    }

    @Test func disabledKeyRefusesEncryptAndDecryptUntilEnabled() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await makeKey(harness)
        let arn = "arn:aws:kms:us-east-1:111122223333:key/\(keyID)"
        let blob = try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("x".utf8))).ciphertextBlob!
        _ = try await harness.call(DisableKey.self, DisableKeyRequest(keyId: keyID))
        await expectKMSError(.disabled, message: "\(arn) is disabled.") {
            try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("x".utf8)))
        }
        await expectKMSError(.disabled, message: "\(arn) is disabled.") {
            try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: blob))
        }
        await expectKMSError(.disabled) {
            try await harness.call(GenerateDataKey.self, GenerateDataKeyRequest(keyId: keyID, keySpec: .aes256))
        }
        _ = try await harness.call(EnableKey.self, EnableKeyRequest(keyId: keyID))
        let plaintext = try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: blob)).plaintext
        #expect(plaintext == Data("x".utf8))
    }

    @Test func generateDataKeyReturnsAKeyThatDecryptsToItself() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await makeKey(harness)
        let dataKey = try await harness.call(GenerateDataKey.self, GenerateDataKeyRequest(keyId: keyID, encryptionContext: ["k": "v"], keySpec: .aes128))
        #expect(dataKey.plaintext?.count == 16)
        let opened = try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: dataKey.ciphertextBlob!, encryptionContext: ["k": "v"]))
        #expect(opened.plaintext == dataKey.plaintext)
        let sized = try await harness.call(GenerateDataKeyWithoutPlaintext.self,
                                           GenerateDataKeyWithoutPlaintextRequest(keyId: keyID, numberOfBytes: 1024))
        let sizedPlaintext = try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: sized.ciphertextBlob!)).plaintext
        #expect(sizedPlaintext?.count == 1024)
    }

    @Test func generateDataKeyNeedsExactlyOneOfKeySpecAndNumberOfBytes() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await makeKey(harness)
        await expectKMSError(.validation) {
            try await harness.call(GenerateDataKey.self, GenerateDataKeyRequest(keyId: keyID))
        }
        await expectKMSError(.validation) {
            try await harness.call(GenerateDataKey.self, GenerateDataKeyRequest(keyId: keyID, numberOfBytes: 32, keySpec: .aes256))
        }
    }

    @Test func reEncryptMovesCiphertextToAnotherKeyAndContext() async throws {
        let harness = try await KMSTestHarness()
        let source = try await makeKey(harness)
        let destination = try await makeKey(harness)
        let blob = try await harness.call(Encrypt.self, EncryptRequest(keyId: source, plaintext: Data("moved".utf8),
                                                                        encryptionContext: ["a": "1"])).ciphertextBlob!
        let moved = try await harness.call(ReEncrypt.self, ReEncryptRequest(
            ciphertextBlob: blob, sourceEncryptionContext: ["a": "1"], destinationKeyId: destination,
            destinationEncryptionContext: ["b": "2"]))
        #expect(moved.sourceKeyId?.hasSuffix(source) == true)
        #expect(moved.keyId?.hasSuffix(destination) == true)
        let opened = try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: moved.ciphertextBlob!, encryptionContext: ["b": "2"]))
        #expect(opened.plaintext == Data("moved".utf8))
        #expect(opened.keyId?.hasSuffix(destination) == true)
    }

    @Test func dryRunChecksEverythingButDoesNotEncrypt() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await makeKey(harness)
        await expectKMSError(.dryRunOperation, message: "The request would have succeeded, but the DryRun option is set.") {
            try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("x".utf8), dryRun: true))
        }
        _ = try await harness.call(DisableKey.self, DisableKeyRequest(keyId: keyID))
        await expectKMSError(.disabled) {
            try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("x".utf8), dryRun: true))
        }
    }

    @Test func garbageCiphertextIsInvalidCiphertext() async throws {
        let harness = try await KMSTestHarness()
        _ = try await makeKey(harness)
        await expectKMSError(.invalidCiphertext) {
            try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: Data(repeating: 1, count: 80)))
        }
    }

    @Test func generateRandomReturnsTheRequestedLength() async throws {
        let harness = try await KMSTestHarness()
        let random = try await harness.call(GenerateRandom.self, GenerateRandomRequest(numberOfBytes: 1024))
        #expect(random.plaintext?.count == 1024)
        await expectKMSError(.validation, message: "NumberOfBytes is required.") {
            try await harness.call(GenerateRandom.self, GenerateRandomRequest())
        }
        await expectKMSError(.validation, message: "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024") {
            try await harness.call(GenerateRandom.self, GenerateRandomRequest(numberOfBytes: 1025))
        }
    }

    @Test func plaintextOverTheLimitIsAValidationErrorThatDoesNotEchoIt() async throws {
        let harness = try await KMSTestHarness()
        let keyID = try await makeKey(harness)
        await expectKMSError(.validation, message: "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096") {
            try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data(repeating: 65, count: 4097)))
        }
    }
}
