import ArcaTestSupport
import Crypto
import Foundation
import Testing
@testable import KeyManagement

/// PKCS #8 private keys and SubjectPublicKeyInfo public keys: round trips, and refusal of
/// anything that is not a key of the spec.
@Suite struct AsymmetricKeyFormatTests {
    static let generatedSpecs: [KeySpec] = [.eccNistP256, .eccNistP384, .eccNistP521, .eccSecgP256k1, .eccNistEdwards25519,
                                            .mlDsa44, .mlDsa65, .mlDsa87]

    /// The one RSA key the tests generate (slow in debug builds).
    static let generatedRSA = try! AsymmetricPrivateKey(generating: .rsa2048, randomBytes: { _ in [] })

    static func key(_ spec: KeySpec) -> AsymmetricPrivateKey {
        switch spec {
        case .rsa2048: generatedRSA
        case .rsa3072: AlgorithmTestKeys.rsa3072
        case .rsa4096: AlgorithmTestKeys.rsa4096
        default: AlgorithmTestKeys.generated(spec)
        }
    }

    @Test(arguments: [KeySpec.rsa2048, .rsa3072, .rsa4096] + AsymmetricKeyFormatTests.generatedSpecs)
    func pkcs8AndPublicKeyRoundTrip(spec: KeySpec) throws {
        let key = Self.key(spec)
        #expect(key.spec == spec)
        let restored = try AsymmetricPrivateKey(spec: spec, pkcs8DER: key.pkcs8DER)
        #expect(restored.pkcs8DER == key.pkcs8DER)
        #expect(restored.publicKey.derRepresentation == key.publicKey.derRepresentation)
        let publicKey = try AsymmetricPublicKey(spec: spec, derRepresentation: key.publicKey.derRepresentation)
        #expect(publicKey.derRepresentation == key.publicKey.derRepresentation)
        #expect(KeyAlgorithmIdentifier.pkcs8(Array(key.pkcs8DER), declares: spec))
        #expect(KeyAlgorithmIdentifier.subjectPublicKeyInfo(Array(key.publicKey.derRepresentation), declares: spec))

        let algorithm: SigningAlgorithmSpec = switch spec {
        case .eccNistP256, .eccSecgP256k1: .ecdsaSha256
        case .eccNistP384: .ecdsaSha384
        case .eccNistP521: .ecdsaSha512
        case .eccNistEdwards25519: .ed25519Sha512
        case .mlDsa44, .mlDsa65, .mlDsa87: .mlDsaShake256
        default: .rsassaPssSha256
        }
        let signature = try restored.sign(Data("round trip".utf8), messageType: .raw, algorithm: algorithm)
        #expect(try publicKey.isValidSignature(signature, for: Data("round trip".utf8), messageType: .raw, algorithm: algorithm))
    }

    @Test func generatedRSAKeyHasTheSpecsSize() throws {
        #expect(Self.generatedRSA.publicKey.derRepresentation.count == 294, "SPKI of a 2048-bit modulus, exponent 65537")
        let signature = try Self.generatedRSA.sign(Data("m".utf8), messageType: .raw, algorithm: .rsassaPkcs1V15Sha512)
        #expect(signature.count == 256)
    }

    @Test func opensslPKCS8IsRead() throws {
        let key = try AsymmetricPrivateKey(spec: .eccNistP256, pkcs8DER: OpenSSLVectors.p256PKCS8)
        #expect(key.pkcs8DER == Data(OpenSSLVectors.p256PKCS8))
        #expect(AlgorithmTestKeys.rsa2048.pkcs8DER == OpenSSLVectors.rsa2048PKCS8)
    }

    @Test(arguments: AsymmetricKeyFormatTests.generatedSpecs)
    func generationIsReproducibleFromTheRandomSource(spec: KeySpec) {
        let first = AlgorithmTestKeys.generated(spec, seed: "same")
        let again = AlgorithmTestKeys.generated(spec, seed: "same")
        let other = AlgorithmTestKeys.generated(spec, seed: "other")
        #expect(first.pkcs8DER == again.pkcs8DER)
        #expect(first.pkcs8DER != other.pkcs8DER)
    }

    /// Zero and values at or above the group order are not private keys: they are drawn again.
    @Test(arguments: [(KeySpec.eccNistP256, 32), (.eccNistP384, 48), (.eccNistP521, 66), (.eccSecgP256k1, 32)])
    func outOfRangeScalarsAreDrawnAgain(spec: KeySpec, byteCount: Int) throws {
        var draws: [[UInt8]] = [
            [UInt8](repeating: 0xFF, count: byteCount),
            [UInt8](repeating: 0x00, count: byteCount),
            [UInt8](repeating: 0x00, count: byteCount - 1) + [0x01],
        ]
        var requested: [Int] = []
        let key = try AsymmetricPrivateKey(generating: spec) { count in
            requested.append(count)
            return draws.removeFirst()
        }
        #expect(requested == [byteCount, byteCount, byteCount])
        #expect(draws.isEmpty)
        // The third draw, 1, is the key: its public key is the generator, whose x-coordinate is public.
        let one = try AsymmetricPrivateKey(generating: spec) { _ in [UInt8](repeating: 0x00, count: byteCount - 1) + [0x01] }
        #expect(key.pkcs8DER == one.pkcs8DER)
    }

    @Test func aSourceThatNeverGivesAKeyFailsInternally() async {
        await expectKMSError(.kmsInternal) {
            try AsymmetricPrivateKey(generating: .eccNistP256) { count in [UInt8](repeating: 0xFF, count: count) }
        }
        await expectKMSError(.kmsInternal) { try AsymmetricPrivateKey(generating: .eccNistP384) { _ in [] } }
    }

    @Test func keysOfAnotherSpecAreRefused() async {
        let p384 = AlgorithmTestKeys.generated(.eccNistP384)
        await expectKMSError(.validation, message: "The key material is not a PKCS #8 private key of key spec ECC_NIST_P256.") {
            try AsymmetricPrivateKey(spec: .eccNistP256, pkcs8DER: p384.pkcs8DER)
        }
        await expectKMSError(.validation, message: "The public key is not a DER-encoded SubjectPublicKeyInfo of a key spec ECC_NIST_P256 public key.") {
            try AsymmetricPublicKey(spec: .eccNistP256, derRepresentation: p384.publicKey.derRepresentation)
        }
        await expectKMSError(.validation) { try AsymmetricPrivateKey(spec: .eccNistP521, pkcs8DER: p384.pkcs8DER) }
        await expectKMSError(.validation) { try AsymmetricPrivateKey(spec: .eccNistEdwards25519, pkcs8DER: p384.pkcs8DER) }
        await expectKMSError(.validation) { try AsymmetricPrivateKey(spec: .rsa2048, pkcs8DER: p384.pkcs8DER) }
        await expectKMSError(.validation, message: "The key material is not a PKCS #8 private key of key spec RSA_2048.") {
            try AsymmetricPrivateKey(spec: .rsa2048, pkcs8DER: OpenSSLVectors.rsa3072PKCS8)
        }
        await expectKMSError(.validation) {
            try AsymmetricPublicKey(spec: .rsa4096, derRepresentation: AlgorithmTestKeys.rsa3072.publicKey.derRepresentation)
        }
        await expectKMSError(.validation) { try AsymmetricPrivateKey(spec: .eccNistP256, pkcs8DER: OpenSSLVectors.rsa2048PKCS8) }
        // An X25519 key is 32 bytes like an Ed25519 seed, but not a signing key.
        await expectKMSError(.validation) { try AsymmetricPrivateKey(spec: .eccNistEdwards25519, pkcs8DER: OpenSSLVectors.x25519PKCS8) }
    }

    @Test func otherEncodingsAndGarbageAreRefused() async {
        // SEC1 and PKCS #1 are keys of the right kind, but not PKCS #8.
        await expectKMSError(.validation) { try AsymmetricPrivateKey(spec: .eccNistP256, pkcs8DER: OpenSSLVectors.p256SEC1) }
        let pkcs1 = OpenSSLVectors.rsa2048PKCS8.dropFirst(26)
        #expect(pkcs1.prefix(4) == Data([0x30, 0x82, 0x04, 0xA3]), "the RSAPrivateKey inside the PKCS #8 wrapper")
        await expectKMSError(.validation) { try AsymmetricPrivateKey(spec: .rsa2048, pkcs8DER: pkcs1) }

        let valid = Array(AlgorithmTestKeys.generated(.eccNistP256).pkcs8DER)
        var anotherCurveOID = valid
        anotherCurveOID[26] ^= 0x01
        let garbage: [[UInt8]] = [
            [], [0x30], [0x30, 0x00], Array("not a key".utf8), [UInt8](repeating: 0x30, count: 64),
            Array(valid.dropLast()), valid + [0x00], [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF] + valid, anotherCurveOID,
        ]
        for bytes in garbage {
            await expectKMSError(.validation) { try AsymmetricPrivateKey(spec: .eccNistP256, pkcs8DER: bytes) }
            await expectKMSError(.validation) { try AsymmetricPublicKey(spec: .eccNistP256, derRepresentation: bytes) }
        }
        await expectKMSError(.validation) { try AsymmetricPublicKey(spec: .rsa2048, derRepresentation: Array("garbage".utf8)) }
    }

    @Test func specsWithoutAnAsymmetricImplementationAreRefused() async {
        await expectKMSError(.unsupportedOperation, message: "Key spec SM2 is not supported by Arca yet.") {
            try AsymmetricPrivateKey(generating: .sm2) { [UInt8](repeating: 1, count: $0) }
        }
        await expectKMSError(.unsupportedOperation) { try AsymmetricPrivateKey(spec: .sm2, pkcs8DER: Data()) }
        await expectKMSError(.unsupportedOperation) { try AsymmetricPublicKey(spec: .sm2, derRepresentation: Data()) }
        await expectKMSError(.kmsInternal) { try AsymmetricPrivateKey(generating: .hmac256) { [UInt8](repeating: 1, count: $0) } }
    }

    @Test func descriptionNeverShowsKeyMaterial() {
        let key = AlgorithmTestKeys.generated(.eccNistP256)
        #expect("\(key)" == "AsymmetricPrivateKey(ECC_NIST_P256)")
    }
}
