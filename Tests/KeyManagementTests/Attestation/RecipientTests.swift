import AWSWire
import ArcaTestSupport
import Foundation
import Testing
@testable import KeyManagement

/// The `Recipient` parameter: an attested enclave gets the plaintext encrypted to its public key
/// (CMS EnvelopedData, opened here by `openssl cms`, not by Arca), key policies see its PCRs, and a
/// document no trusted root signed is refused.
@Suite struct RecipientTests {
    let pki: TestPKI
    let enclave: CMSEnvelopedDataTests.RecipientFiles

    init() throws {
        pki = try TestPKI()
        enclave = try CMSEnvelopedDataTests.RecipientFiles()
    }

    /// A harness whose attestation root is the test PKI's, at a moment its certificates are valid.
    func harness() async throws -> KMSTestHarness {
        let harness = try await KMSTestHarness(attestationRoot: try pki.rootDER)
        harness.clock.advance(by: TestPKI.now.timeIntervalSince(harness.clock.now))
        return harness
    }

    func recipient() throws -> RecipientInfo {
        var document = try TestDocument(pki: pki)
        document.publicKey = .bytes(try enclave.spki())
        return RecipientInfo(keyEncryptionAlgorithm: .rsaesOaepSha256,
                             attestationDocument: Data(try document.signed(with: pki.leafKey)))
    }

    func opened(_ envelope: Data?) throws -> Data {
        Data(try enclave.opensslDecrypt(Array(try #require(envelope)), naming: false))
    }

    @Test func decryptAndGenerateDataKeyAnswerOnlyTheEnclave() async throws {
        let harness = try await harness()
        let keyID = try #require(try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata?.keyId)
        let blob = try #require(try await harness.call(Encrypt.self, EncryptRequest(
            keyId: keyID, plaintext: Data("for the enclave".utf8))).ciphertextBlob)

        let context = KMSTestHarness.context()
        let decrypted = try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: blob, recipient: try recipient()),
                                               as: context)
        #expect(decrypted.plaintext == nil && decrypted.keyMaterialId == nil)
        #expect(try opened(decrypted.ciphertextForRecipient) == Data("for the enclave".utf8))
        // The audit record names the enclave, as CloudTrail does for attested calls.
        let document = try TestDocument(pki: pki)
        #expect(context.notes.additionalEventData == .object(["recipient": .object([
            "attestationDocumentModuleId": .string(document.moduleID),
            "attestationDocumentEnclaveImageDigest": .string(Hex.lowercase(try #require(document.pcrs[0]))),
        ])]))

        let generated = try await harness.call(GenerateDataKey.self, GenerateDataKeyRequest(
            keyId: keyID, keySpec: .aes256, recipient: try recipient()))
        #expect(generated.plaintext == nil && generated.keyMaterialId == nil)
        let dataKey = try opened(generated.ciphertextForRecipient)
        #expect(dataKey.count == 32)
        let stored = try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: try #require(generated.ciphertextBlob)))
        #expect(stored.plaintext == dataKey)
    }

    @Test func generateRandomDataKeyPairAndSharedSecretAnswerOnlyTheEnclave() async throws {
        let harness = try await harness()
        let random = try await harness.call(GenerateRandom.self, GenerateRandomRequest(numberOfBytes: 48, recipient: try recipient()))
        #expect(random.plaintext == nil)
        #expect(try opened(random.ciphertextForRecipient).count == 48)

        let symmetric = try #require(try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata?.keyId)
        let pair = try await harness.call(GenerateDataKeyPair.self, GenerateDataKeyPairRequest(
            keyId: symmetric, keyPairSpec: .eccNistP256, recipient: try recipient()))
        #expect(pair.privateKeyPlaintext == nil && pair.publicKey != nil)
        let privateKey = try AsymmetricPrivateKey(spec: .eccNistP256, pkcs8DER: try opened(pair.ciphertextForRecipient))
        #expect(privateKey.publicKey.derRepresentation == pair.publicKey)

        let agreement = try #require(try await harness.call(CreateKey.self, CreateKeyRequest(
            keyUsage: .keyAgreement, keySpec: .eccNistP256)).keyMetadata?.keyId)
        let peer = AlgorithmTestKeys.generated(.eccNistP256, seed: "peer")
        let plain = try await harness.call(DeriveSharedSecret.self, DeriveSharedSecretRequest(
            keyId: agreement, keyAgreementAlgorithm: .ecdh, publicKey: peer.publicKey.derRepresentation))
        let attested = try await harness.call(DeriveSharedSecret.self, DeriveSharedSecretRequest(
            keyId: agreement, keyAgreementAlgorithm: .ecdh, publicKey: peer.publicKey.derRepresentation,
            recipient: try recipient()))
        #expect(attested.sharedSecret == nil)
        #expect(try opened(attested.ciphertextForRecipient) == plain.sharedSecret)
    }

    @Test func keyPoliciesSeeTheEnclavesMeasurements() async throws {
        let harness = try await harness()
        let image = Hex.lowercase(try #require(try TestDocument(pki: pki).pcrs[0]))
        let policy = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},
              {"Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*",
               "Condition":{"StringNotEqualsIgnoreCase":{"kms:RecipientAttestation:ImageSha384":"\(image)"}}}]}
            """
        let keyID = try #require(try await harness.call(CreateKey.self, CreateKeyRequest(policy: policy)).keyMetadata?.keyId)
        let blob = try #require(try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("x".utf8))).ciphertextBlob)
        await expectKMSError(.accessDenied) { try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: blob)) }
        let attested = try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: blob, recipient: try recipient()))
        #expect(try opened(attested.ciphertextForRecipient) == Data("x".utf8))
    }

    @Test func aDocumentNoTrustedRootSignedIsRefused() async throws {
        // The production root: a document of the test PKI is what any caller outside an enclave can send.
        let production = try await KMSTestHarness()
        production.clock.advance(by: TestPKI.now.timeIntervalSince(production.clock.now))
        await expectKMSError(.validation) {
            try await production.call(GenerateRandom.self, GenerateRandomRequest(numberOfBytes: 8, recipient: try recipient()))
        }
        let harness = try await harness()
        for document in [Data("not a document".utf8), Data(try TestDocument(pki: pki).signed(with: pki.leafKey).dropLast())] {
            await expectKMSError(.validation) {
                try await harness.call(GenerateRandom.self, GenerateRandomRequest(
                    numberOfBytes: 8, recipient: RecipientInfo(keyEncryptionAlgorithm: .rsaesOaepSha256, attestationDocument: document)))
            }
        }
        // A document without the enclave's RSA key has nothing to encrypt the answer to.
        await expectKMSError(.validation, message: "The attestation document has no RSA public key to encrypt the response to.") {
            let document = try TestDocument(pki: pki).signed(with: pki.leafKey)
            try await harness.call(GenerateRandom.self, GenerateRandomRequest(
                numberOfBytes: 8, recipient: RecipientInfo(keyEncryptionAlgorithm: .rsaesOaepSha256, attestationDocument: Data(document))))
        }
        // Once its certificates expire, the same document is refused too.
        harness.clock.advance(by: 60 * 86_400)
        await expectKMSError(.validation) {
            try await harness.call(GenerateRandom.self, GenerateRandomRequest(numberOfBytes: 8, recipient: try recipient()))
        }
    }
}
