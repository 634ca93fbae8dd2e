import ArcaTestSupport
import Crypto
import Foundation
import Testing
@testable import KeyManagement

/// ED25519_PH_SHA_512: Ed25519ph (RFC 8032 §5.1) over the caller's 64-byte digest, against RFC 8032
/// §7.3 ("Test Vectors for Ed25519ph") and a signature made by PyCryptodome.
@Suite struct Ed25519phSigningTests {
    /// RFC 8032 §7.3, "TEST abc".
    static let rfc8032SecretKey = [UInt8](hex: "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42")
    static let rfc8032PublicKey = [UInt8](hex: "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf")
    static let rfc8032Message = Data("abc".utf8)
    static let rfc8032Signature = [UInt8](hex: "98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae41"
                                              + "31f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406")

    /// SHA-512 of "Arca signs this digest with ED25519_PH_SHA_512.", and PyCryptodome 3.x's
    /// `eddsa.new(key, 'rfc8032').sign(SHA512.new(digest))` with the RFC 8032 §7.3 key: Ed25519ph
    /// with M = the digest, so the message is hashed twice, as KMS does.
    static let digest = Data([UInt8](hex: "c6dd8970b2e89590e1045f386b6ddcd725fe4217bbb8228365b221784a9b591e"
                                           + "5e37d526483b67134f276972c260fa2bafc92316886e7c338379167ff58f34e9"))
    static let pyCryptodomeSignature = Data([UInt8](hex: "bac096420880f4d172686a7f2684dd9788f0e6fb66442724309ac0b314bad84b"
                                                          + "123ac39e5942c4d4a969dbfb8477409a55599e8c767158db16b1502152cf0103"))

    static func rfc8032Key() throws -> AsymmetricPrivateKey {
        try AsymmetricPrivateKey(generating: .eccNistEdwards25519, randomBytes: { _ in rfc8032SecretKey })
    }

    @Test func rfc8032Ed25519phVectorSignsAndVerifies() throws {
        let signature = try Ed25519ph.signature(for: Self.rfc8032Message, seed: Self.rfc8032SecretKey)
        #expect(Array(signature) == Self.rfc8032Signature)
        #expect(Ed25519ph.isValidSignature(Data(Self.rfc8032Signature), for: Self.rfc8032Message, publicKey: Self.rfc8032PublicKey))
        #expect(!Ed25519ph.isValidSignature(Data(Self.rfc8032Signature), for: Data("abd".utf8), publicKey: Self.rfc8032PublicKey))
        // The same key's public key, as Arca derives it from the seed.
        #expect(try Self.rfc8032Key().publicKey.derRepresentation == Data(Ed25519SigningTests.spkiPrefix + Self.rfc8032PublicKey))
    }

    @Test func kmsSignsTheDigestAsEd25519phsMessage() throws {
        let key = try Self.rfc8032Key()
        let signature = try key.sign(Self.digest, messageType: .digest, algorithm: .ed25519PhSha512)
        #expect(signature == Self.pyCryptodomeSignature)
        let publicKey = try AsymmetricPublicKey(spec: .eccNistEdwards25519, derRepresentation: key.publicKey.derRepresentation)
        #expect(try publicKey.isValidSignature(Self.pyCryptodomeSignature, for: Self.digest, messageType: .digest,
                                               algorithm: .ed25519PhSha512))
        // Not pure Ed25519 of the same 64 bytes, nor Ed25519ph of a single hash.
        let pure = try key.sign(Self.digest, messageType: .raw, algorithm: .ed25519Sha512)
        #expect(pure != signature)
        #expect(try !publicKey.isValidSignature(signature, for: Self.digest, messageType: .raw, algorithm: .ed25519Sha512))
    }

    @Test func signaturesRoundTripAndAnyChangeIsRefused() throws {
        let key = AlgorithmTestKeys.generated(.eccNistEdwards25519)
        let digest = Data(SHA512.hash(data: Data("round trip".utf8)))
        let signature = try key.sign(digest, messageType: .digest, algorithm: .ed25519PhSha512)
        #expect(signature.count == 64)
        // RFC 8032 signing is deterministic.
        #expect(try key.sign(digest, messageType: .digest, algorithm: .ed25519PhSha512) == signature)
        func valid(_ signature: Data, _ digest: Data) throws -> Bool {
            try key.publicKey.isValidSignature(signature, for: digest, messageType: .digest, algorithm: .ed25519PhSha512)
        }
        #expect(try valid(signature, digest))
        var tampered = signature
        tampered[10] ^= 0x01
        #expect(try !valid(tampered, digest))
        var otherDigest = digest
        otherDigest[0] ^= 0x01
        #expect(try !valid(signature, otherDigest))
        #expect(try !valid(signature.prefix(63), digest))
        #expect(try !valid(signature + [0x00], digest))
        #expect(try !valid(Data(), digest))
        let other = AlgorithmTestKeys.generated(.eccNistEdwards25519, seed: "another key")
        #expect(try !other.publicKey.isValidSignature(signature, for: digest, messageType: .digest, algorithm: .ed25519PhSha512))
    }

    @Test func rawMessagesAndDigestsOfAnotherLengthAreRefused() async {
        let key = AlgorithmTestKeys.generated(.eccNistEdwards25519)
        await expectKMSError(.validation, message: "Signing algorithm ED25519_PH_SHA_512 requires MessageType DIGEST.") {
            try key.sign(Self.digest, messageType: .raw, algorithm: .ed25519PhSha512)
        }
        await expectKMSError(.validation, message: "Signing algorithm ED25519_PH_SHA_512 requires MessageType DIGEST.") {
            try key.publicKey.isValidSignature(Self.pyCryptodomeSignature, for: Self.digest, messageType: .raw,
                                               algorithm: .ed25519PhSha512)
        }
        for length in [0, 32, 48, 63, 65] {
            await expectKMSError(.validation, message: "Digest is invalid length for algorithm ED25519_PH_SHA_512.") {
                try key.sign(Data(repeating: 1, count: length), messageType: .digest, algorithm: .ed25519PhSha512)
            }
            await expectKMSError(.validation, message: "Digest is invalid length for algorithm ED25519_PH_SHA_512.") {
                try key.publicKey.isValidSignature(Data(count: 64), for: Data(repeating: 1, count: length), messageType: .digest,
                                                   algorithm: .ed25519PhSha512)
            }
        }
        await expectKMSError(.validation, message: "MessageType EXTERNAL_MU is only valid with signing algorithm ML_DSA_SHAKE_256.") {
            try key.sign(Self.digest, messageType: .externalMu, algorithm: .ed25519PhSha512)
        }
        let p256 = AlgorithmTestKeys.generated(.eccNistP256)
        await expectKMSError(.invalidKeyUsage, message: "Algorithm ED25519_PH_SHA_512 is incompatible with key spec ECC_NIST_P256.") {
            try p256.sign(Self.digest, messageType: .digest, algorithm: .ed25519PhSha512)
        }
    }
}
