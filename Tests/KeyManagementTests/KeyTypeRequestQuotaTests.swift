import AWSWire
import ArcaTestSupport
import Crypto
import Foundation
import Identity
import ServiceCalls
import Testing
@testable import KeyManagement

/// The request quotas that depend on the type of key a request uses, as the server runs them:
/// admission before the operation for the quotas that are fixed, the KMS counting the rest once
/// the key is resolved and authorized, one limiter on the manual clock.
@Suite struct KeyTypeRequestQuotaTests {
    static let account = AccountID("111122223333")!
    static let p256Pairs = "GenerateDataKeyPair (ECC_NIST_P256) request rate"

    /// A KMS with AWS's current quotas, some lowered for the test account, and a client that admits
    /// its calls as the HTTP endpoint does.
    struct Fixture {
        let harness: KMSTestHarness
        let client: ServiceClient<KeyManagementService>

        init(_ rates: [String: Double]) async throws {
            harness = try await KMSTestHarness(requestQuotas: .current, requestRateAdjustments: [KeyTypeRequestQuotaTests.account: rates])
            client = ServiceClient(descriptor: .kms(harness.kms, requestRates: harness.requestRates), service: harness.kms,
                                   pipeline: ServicePipeline())
        }

        func call<Operation: KMSOperation>(_ operation: Operation.Type, _ input: Operation.Input) async throws -> Operation.Output {
            try await client.call(operation, input, as: KMSTestHarness.context())
        }

        /// A key made without going through the quotas.
        func key(_ spec: KeySpec = .symmetricDefault, _ usage: KeyUsageType? = nil) async throws -> String {
            try await harness.call(CreateKey.self, CreateKeyRequest(keyUsage: usage, keySpec: spec)).keyMetadata!.keyId
        }

        func sign(_ keyID: String, _ algorithm: SigningAlgorithmSpec) async throws -> Data {
            try await call(Sign.self, SignRequest(keyId: keyID, message: Data("m".utf8), signingAlgorithm: algorithm)).signature!
        }

        func encrypt(_ keyID: String, _ algorithm: EncryptionAlgorithmSpec? = nil) async throws -> Data {
            try await call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("x".utf8), encryptionAlgorithm: algorithm))
                .ciphertextBlob!
        }
    }

    func expectThrottled<T>(sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T) async {
        do {
            _ = try await body()
            Issue.record("expected ThrottlingException, but the call succeeded", sourceLocation: sourceLocation)
        } catch let error as any AWSErrorRenderable {
            #expect(error.awsErrorType == "ThrottlingException", "\(error)", sourceLocation: sourceLocation)
            #expect(error.httpStatusCode == 400, sourceLocation: sourceLocation)
            #expect(error.message == "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.",
                    sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected ThrottlingException, got \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func theECCQuotaThrottlesSignWithAP256KeyWhileSignWithAnRSAKeyGoesOn() async throws {
        let fixture = try await Fixture([KMSRequestQuotas.eccQuotaName: 2])
        let p256 = try await fixture.key(.eccNistP256, .signVerify)
        let rsa = try await fixture.key(.rsa2048, .signVerify)
        let agreement = try await fixture.key(.eccNistP256, .keyAgreement)
        let signature = try await fixture.sign(p256, .ecdsaSha256)
        _ = try await fixture.sign(p256, .ecdsaSha256)
        await expectThrottled { try await fixture.sign(p256, .ecdsaSha256) }
        // Verify and DeriveSharedSecret with elliptic-curve keys share the quota.
        await expectThrottled {
            try await fixture.call(Verify.self, VerifyRequest(keyId: p256, message: Data("m".utf8), signature: signature,
                                                              signingAlgorithm: .ecdsaSha256))
        }
        await expectThrottled {
            try await fixture.call(DeriveSharedSecret.self, DeriveSharedSecretRequest(
                keyId: agreement, keyAgreementAlgorithm: .ecdh, publicKey: P256.KeyAgreement.PrivateKey().publicKey.derRepresentation))
        }
        // An RSA key has a quota of its own.
        for _ in 0..<3 { _ = try await fixture.sign(rsa, .rsassaPssSha256) }
        // Half a second refills one of the two tokens.
        fixture.harness.clock.advance(by: 0.5)
        _ = try await fixture.sign(p256, .ecdsaSha256)
        await expectThrottled { try await fixture.sign(p256, .ecdsaSha256) }
    }

    @Test func rsaEncryptCountsAgainstTheRSAQuotaAndNotTheSymmetricOne() async throws {
        let fixture = try await Fixture([KMSRequestQuotas.cryptographicQuotaName: 1, KMSRequestQuotas.rsaQuotaName: 2])
        let symmetric = try await fixture.key()
        let rsa = try await fixture.key(.rsa2048, .encryptDecrypt)
        _ = try await fixture.encrypt(symmetric)
        await expectThrottled { try await fixture.encrypt(symmetric) }
        // The symmetric quota is spent; the RSA one is not.
        let blob = try await fixture.encrypt(rsa, .rsaesOaepSha256)
        _ = try await fixture.call(Decrypt.self, DecryptRequest(ciphertextBlob: blob, keyId: rsa, encryptionAlgorithm: .rsaesOaepSha256))
        await expectThrottled { try await fixture.encrypt(rsa, .rsaesOaepSha256) }
        await expectThrottled {
            try await fixture.call(Decrypt.self, DecryptRequest(ciphertextBlob: blob, keyId: rsa, encryptionAlgorithm: .rsaesOaepSha256))
        }
        // A second later both are full again, and RSA requests leave the symmetric token alone.
        fixture.harness.clock.advance(by: 1)
        _ = try await fixture.encrypt(rsa, .rsaesOaepSha256)
        _ = try await fixture.encrypt(rsa, .rsaesOaepSha256)
        _ = try await fixture.encrypt(symmetric)
    }

    @Test func generateMacAndVerifyMacCountAgainstTheSymmetricQuota() async throws {
        let fixture = try await Fixture([KMSRequestQuotas.cryptographicQuotaName: 2])
        let hmac = try await fixture.key(.hmac256, .generateVerifyMac)
        let symmetric = try await fixture.key()
        let message = Data("m".utf8)
        let mac = try await fixture.call(GenerateMac.self, GenerateMacRequest(message: message, keyId: hmac, macAlgorithm: .hmacSha256)).mac!
        _ = try await fixture.call(VerifyMac.self, VerifyMacRequest(message: message, keyId: hmac, macAlgorithm: .hmacSha256, mac: mac))
        await expectThrottled { try await fixture.encrypt(symmetric) }
        await expectThrottled {
            try await fixture.call(GenerateMac.self, GenerateMacRequest(message: message, keyId: hmac, macAlgorithm: .hmacSha256))
        }
    }

    @Test func generateDataKeyPairCountsAgainstTheQuotaOfThePairsSpecOnly() async throws {
        let fixture = try await Fixture([Self.p256Pairs: 1, KMSRequestQuotas.cryptographicQuotaName: 1])
        let symmetric = try await fixture.key()
        _ = try await fixture.call(GenerateDataKeyPair.self, GenerateDataKeyPairRequest(keyId: symmetric, keyPairSpec: .eccNistP256))
        await expectThrottled {
            try await fixture.call(GenerateDataKeyPairWithoutPlaintext.self,
                                   GenerateDataKeyPairWithoutPlaintextRequest(keyId: symmetric, keyPairSpec: .eccNistP256))
        }
        _ = try await fixture.call(GenerateDataKeyPair.self, GenerateDataKeyPairRequest(keyId: symmetric, keyPairSpec: .eccNistP384))
        // The pairs were sealed under the symmetric key, but its quota's one token is still there.
        _ = try await fixture.encrypt(symmetric)
        await expectThrottled { try await fixture.encrypt(symmetric) }
    }

    @Test func reEncryptCountsOnceAgainstTheQuotaOfEachTypeOfKeyItUses() async throws {
        let fixture = try await Fixture([KMSRequestQuotas.cryptographicQuotaName: 2, KMSRequestQuotas.rsaQuotaName: 2])
        let symmetric = try await fixture.key()
        let rsa = try await fixture.key(.rsa2048, .encryptDecrypt)
        // Symmetric to symmetric: one token, as before key types had quotas of their own.
        let blob = try await fixture.encrypt(symmetric)
        _ = try await fixture.call(ReEncrypt.self, ReEncryptRequest(ciphertextBlob: blob, destinationKeyId: symmetric))
        await expectThrottled { try await fixture.encrypt(symmetric) }
        // RSA to symmetric: one token of each.
        fixture.harness.clock.advance(by: 1)
        let rsaBlob = try await fixture.encrypt(rsa, .rsaesOaepSha256)
        _ = try await fixture.call(ReEncrypt.self, ReEncryptRequest(
            ciphertextBlob: rsaBlob, sourceKeyId: rsa, destinationKeyId: symmetric, sourceEncryptionAlgorithm: .rsaesOaepSha256))
        await expectThrottled { try await fixture.encrypt(rsa, .rsaesOaepSha256) }
        _ = try await fixture.encrypt(symmetric)
        await expectThrottled { try await fixture.encrypt(symmetric) }
    }

    @Test func aRequestRefusedBeforeItsKeyIsAuthorizedIsNotCounted() async throws {
        let fixture = try await Fixture([KMSRequestQuotas.cryptographicQuotaName: 1])
        let symmetric = try await fixture.key()
        await expectKMSError(.notFound) { try await fixture.encrypt("1234abcd-12ab-34cd-56ef-1234567890ab") }
        _ = try await fixture.encrypt(symmetric)
        // A request refused after it is counted (here by DryRun) spends its token.
        fixture.harness.clock.advance(by: 1)
        await expectKMSError(.dryRunOperation) {
            try await fixture.call(Encrypt.self, EncryptRequest(keyId: symmetric, plaintext: Data("x".utf8), dryRun: true))
        }
        await expectThrottled { try await fixture.encrypt(symmetric) }
    }

    @Test func admissionLeavesTheKeyDependentOperationsToTheKMS() throws {
        let limiter = RequestRateLimiter(
            preset: .current,
            adjustments: [Self.account: [KMSRequestQuotas.cryptographicQuotaName: 0, KMSRequestQuotas.rsaQuotaName: 0,
                                         KMSRequestQuotas.eccQuotaName: 0, Self.p256Pairs: 0]],
            now: { Date(timeIntervalSince1970: 1_700_000_000) })
        let context = KMSTestHarness.context()
        for operation in KMSRequestQuotas.keyDependentOperations {
            try limiter.admit(operation, context: context)
        }
        #expect(throws: AWSProtocolError.self) { try limiter.admit("GenerateMac", context: context) }
        for use in ["Encrypt", "Sign (RSA)", "DeriveSharedSecret (ECC)", "GenerateDataKeyPair (ECC_NIST_P256)"] {
            #expect(throws: KMSError(.throttling, "")) { try limiter.admitKeyUse(use, context: context) }
        }
        // A use no quota names, as in the reference's table, goes on.
        try limiter.admitKeyUse("Encrypt (ECC)", context: context)
    }
}
