import ArcaTestSupport
import Crypto
import Foundation
import Testing
@testable import KeyManagement

/// ML_DSA_44, ML_DSA_65 and ML_DSA_87 (FIPS 204) through the BoringSSL inside swift-crypto: NIST's
/// key generation vectors, the IETF draft's encodings, signatures made by dilithium-py, signing
/// from a μ dilithium-py computed, round trips, and the refusals.
@Suite struct MLDSATests {
    static let specs: [KeySpec] = [.mlDsa44, .mlDsa65, .mlDsa87]

    @Test(arguments: MLDSAVectors.acvpKeyGen)
    func acvpSeedsGiveTheirPublicKeys(_ vector: MLDSAVectors.KeyGen) throws {
        let parameters = try #require(MLDSAParameterSet(vector.spec))
        var requested: [Int] = []
        let key = try AsymmetricPrivateKey(generating: vector.spec) { count in
            requested.append(count)
            return vector.seed
        }
        #expect(requested == [32])
        #expect(key.publicKey.derRepresentation == Data(MLDSAKeyEncoding.subjectPublicKeyInfoPrefix(parameters) + vector.publicKey))
        #expect(key.pkcs8DER == Data(MLDSAKeyEncoding.pkcs8Prefix(parameters) + vector.seed))
        let restored = try AsymmetricPrivateKey(spec: vector.spec, pkcs8DER: key.pkcs8DER)
        #expect(restored.publicKey.derRepresentation == key.publicKey.derRepresentation)
    }

    @Test func ietfSeedFormIsReadAndWrittenBackByteForByte() async throws {
        let key = try AsymmetricPrivateKey(spec: .mlDsa65, pkcs8DER: MLDSAVectors.ietfMLDSA65SeedPKCS8)
        #expect(key.pkcs8DER == MLDSAVectors.ietfMLDSA65SeedPKCS8)
        #expect(key.pkcs8DER.count == 54)
        let spki = key.publicKey.derRepresentation
        #expect(spki.count == 4 + 1970)
        #expect(spki.starts(with: MLDSAVectors.ietfMLDSA65SPKIStart))
        // The same bytes name ML-DSA-65, so they are not an ML_DSA_87 key.
        await expectKMSError(.validation, message: "The key material is not a PKCS #8 private key of key spec ML_DSA_87.") {
            try AsymmetricPrivateKey(spec: .mlDsa87, pkcs8DER: MLDSAVectors.ietfMLDSA65SeedPKCS8)
        }
    }

    @Test func subjectPublicKeyInfoPrefixesHaveTheLengthsOfTheirKeys() {
        #expect(MLDSAKeyEncoding.subjectPublicKeyInfoPrefix(.mlDSA44) == [UInt8](hex: "30820532300b06096086480165030403110382052100"))
        #expect(MLDSAKeyEncoding.pkcs8Prefix(.mlDSA44) == [UInt8](hex: "3034020100300b06096086480165030403110422" + "8020"))
        #expect(MLDSAKeyEncoding.subjectPublicKeyInfoPrefix(.mlDSA65) == [UInt8](hex: "308207b2300b0609608648016503040312038207a100"))
        #expect(MLDSAKeyEncoding.subjectPublicKeyInfoPrefix(.mlDSA87) == [UInt8](hex: "30820a32300b060960864801650304031303820a2100"))
        #expect(MLDSAKeyEncoding.pkcs8Prefix(.mlDSA87) == [UInt8](hex: "3034020100300b06096086480165030403130422" + "8020"))
    }

    @Test func dilithiumPySignatureVerifiesAndOneWithAContextDoesNot() throws {
        let vector = try #require(MLDSAVectors.acvpKeyGen.first { $0.spec == .mlDsa65 })
        let spki = MLDSAKeyEncoding.subjectPublicKeyInfoPrefix(.mlDSA65) + vector.publicKey
        let publicKey = try AsymmetricPublicKey(spec: .mlDsa65, derRepresentation: spki)
        let message = MLDSAVectors.message
        #expect(MLDSAVectors.dilithiumPySignature.count == 3309)
        #expect(try publicKey.isValidSignature(MLDSAVectors.dilithiumPySignature, for: message, messageType: .raw,
                                               algorithm: .mlDsaShake256))
        #expect(try !publicKey.isValidSignature(MLDSAVectors.dilithiumPySignatureWithContext, for: message, messageType: .raw,
                                                algorithm: .mlDsaShake256))
        #expect(try !publicKey.isValidSignature(MLDSAVectors.dilithiumPySignature, for: message + [0x00], messageType: .raw,
                                                algorithm: .mlDsaShake256))
    }

    @Test func dilithiumPyMLDSA44SignatureVerifies() throws {
        let vector = try #require(MLDSAVectors.acvpKeyGen.first { $0.spec == .mlDsa44 })
        let spki = MLDSAKeyEncoding.subjectPublicKeyInfoPrefix(.mlDSA44) + vector.publicKey
        let publicKey = try AsymmetricPublicKey(spec: .mlDsa44, derRepresentation: spki)
        let signature = MLDSAVectors.dilithiumPyMLDSA44Signature
        #expect(signature.count == 2420)
        #expect(try publicKey.isValidSignature(signature, for: MLDSAVectors.message, messageType: .raw, algorithm: .mlDsaShake256))
        #expect(try !publicKey.isValidSignature(signature, for: MLDSAVectors.message.dropLast(), messageType: .raw,
                                                algorithm: .mlDsaShake256))
    }

    /// swift-crypto's own ML-DSA-65 API, given the same seed, checks the context Arca signs with.
    @Test func arcaSignsWithTheEmptyContext() throws {
        let key = AlgorithmTestKeys.generated(.mlDsa65)
        let seed = key.pkcs8DER.suffix(32)
        let reference = try MLDSA65.PrivateKey(seedRepresentation: seed, publicKey: nil)
        #expect(reference.publicKey.rawRepresentation == key.publicKey.derRepresentation.suffix(1952))
        let message = Data("context".utf8)
        let signature = try key.sign(message, messageType: .raw, algorithm: .mlDsaShake256)
        #expect(reference.publicKey.isValidSignature(signature, for: message, context: Data()))
        #expect(!reference.publicKey.isValidSignature(signature, for: message, context: Data("arca".utf8)))
        let withContext = try reference.signature(for: message, context: Data("arca".utf8))
        #expect(try !key.publicKey.isValidSignature(withContext, for: message, messageType: .raw, algorithm: .mlDsaShake256))
    }

    /// EXTERNAL_MU: Arca signs a μ computed by dilithium-py, and the signature is ML-DSA's of the
    /// message μ was computed from (checked by ML-DSA.Verify over the message, which computes μ
    /// itself).
    @Test(arguments: MLDSAVectors.acvpKeyGen)
    func externalMuSignaturesVerifyOverTheMessage(_ vector: MLDSAVectors.KeyGen) throws {
        let parameters = try #require(MLDSAParameterSet(vector.spec))
        let key = try AsymmetricPrivateKey(generating: vector.spec) { _ in vector.seed }
        let mu = try #require(MLDSAVectors.externalMu[vector.spec])
        let signature = try key.sign(Data(mu), messageType: .externalMu, algorithm: .mlDsaShake256)
        #expect(signature.count == parameters.signatureByteCount)
        func valid(_ message: Data) throws -> Bool {
            try key.publicKey.isValidSignature(signature, for: message, messageType: .raw, algorithm: .mlDsaShake256)
        }
        #expect(try valid(MLDSAVectors.message))
        #expect(try !valid(MLDSAVectors.message + [0x00]))
        #expect(try key.publicKey.isValidSignature(signature, for: Data(mu), messageType: .externalMu, algorithm: .mlDsaShake256))
        // A μ is bound to its key's tr: another key's signature of it verifies for no message.
        let other = AlgorithmTestKeys.generated(vector.spec, seed: "another key")
        let foreign = try other.sign(Data(mu), messageType: .externalMu, algorithm: .mlDsaShake256)
        #expect(try !other.publicKey.isValidSignature(foreign, for: MLDSAVectors.message, messageType: .raw,
                                                      algorithm: .mlDsaShake256))
    }

    @Test(arguments: MLDSATests.specs)
    func signaturesVerifyAndAnyChangeIsRefused(spec: KeySpec) throws {
        let parameters = try #require(MLDSAParameterSet(spec))
        let key = AlgorithmTestKeys.generated(spec)
        let message = Data("ML-DSA round trip \u{0}\u{FF}".utf8)
        let signature = try key.sign(message, messageType: .raw, algorithm: .mlDsaShake256)
        #expect(signature.count == parameters.signatureByteCount)
        let publicKey = try AsymmetricPublicKey(spec: spec, derRepresentation: key.publicKey.derRepresentation)
        func valid(_ signature: Data, _ message: Data) throws -> Bool {
            try publicKey.isValidSignature(signature, for: message, messageType: .raw, algorithm: .mlDsaShake256)
        }
        #expect(try valid(signature, message))
        #expect(try !valid(signature, message + [0x00]))
        #expect(try !valid(signature, message.dropLast()))
        var flipped = signature
        flipped[flipped.count / 2] ^= 0x01
        #expect(try !valid(flipped, message))
        #expect(try !valid(signature.dropLast(), message))
        #expect(try !valid(signature + [0x00], message))
        #expect(try !valid(Data(), message))
        let other = AlgorithmTestKeys.generated(spec, seed: "another key")
        #expect(try !other.publicKey.isValidSignature(signature, for: message, messageType: .raw, algorithm: .mlDsaShake256))
        // A 4096-byte message, the most Sign takes.
        let largest = Data(repeating: 0xA5, count: 4096)
        #expect(try valid(try key.sign(largest, messageType: .raw, algorithm: .mlDsaShake256), largest))
    }

    /// BoringSSL signs hedged (FIPS 204 Algorithm 2 with a fresh `rnd`), as ML-DSA's default.
    @Test func signingIsHedged() throws {
        let key = AlgorithmTestKeys.generated(.mlDsa87)
        let message = Data("twice".utf8)
        let first = try key.sign(message, messageType: .raw, algorithm: .mlDsaShake256)
        let second = try key.sign(message, messageType: .raw, algorithm: .mlDsaShake256)
        #expect(first != second)
        for signature in [first, second] {
            #expect(try key.publicKey.isValidSignature(signature, for: message, messageType: .raw, algorithm: .mlDsaShake256))
        }
    }

    @Test func digestIsRefusedAndExternalMuSignsButDoesNotVerifyYet() async throws {
        let key = AlgorithmTestKeys.generated(.mlDsa87)
        let mu = Data(repeating: 0x5A, count: 64)
        await expectKMSError(.validation, message: "Signing algorithm ML_DSA_SHAKE_256 requires MessageType RAW or EXTERNAL_MU.") {
            try key.sign(mu, messageType: .digest, algorithm: .mlDsaShake256)
        }
        await expectKMSError(.validation) {
            try key.publicKey.isValidSignature(Data(count: 4627), for: mu, messageType: .digest, algorithm: .mlDsaShake256)
        }
        let signature = try key.sign(mu, messageType: .externalMu, algorithm: .mlDsaShake256)
        #expect(signature.count == 4627)
        #expect(try key.publicKey.isValidSignature(signature, for: mu, messageType: .externalMu, algorithm: .mlDsaShake256))
        #expect(try !key.publicKey.isValidSignature(signature, for: Data(repeating: 0x5B, count: 64), messageType: .externalMu,
                                                    algorithm: .mlDsaShake256))
        for length in [0, 32, 63, 65] {
            await expectKMSError(.validation, message: "MessageType EXTERNAL_MU requires a Message of 64 bytes.") {
                try key.sign(Data(repeating: 0x5A, count: length), messageType: .externalMu, algorithm: .mlDsaShake256)
            }
        }
        await expectKMSError(.validation, message: "MessageType EXTERNAL_MU requires a Message of 64 bytes.") {
            try key.publicKey.isValidSignature(signature, for: mu.prefix(32), messageType: .externalMu, algorithm: .mlDsaShake256)
        }
    }

    @Test func otherAlgorithmsAndUsesAreRefused() async {
        let key = AlgorithmTestKeys.generated(.mlDsa65)
        let p256 = AlgorithmTestKeys.generated(.eccNistP256)
        await expectKMSError(.invalidKeyUsage, message: "Algorithm ECDSA_SHA_256 is incompatible with key spec ML_DSA_65.") {
            try key.sign(Data("m".utf8), messageType: .raw, algorithm: .ecdsaSha256)
        }
        await expectKMSError(.invalidKeyUsage, message: "Algorithm ML_DSA_SHAKE_256 is incompatible with key spec ECC_NIST_P256.") {
            try p256.sign(Data("m".utf8), messageType: .raw, algorithm: .mlDsaShake256)
        }
        await expectKMSError(.validation, message: "MessageType EXTERNAL_MU is only valid with signing algorithm ML_DSA_SHAKE_256.") {
            try p256.sign(Data(count: 64), messageType: .externalMu, algorithm: .ecdsaSha256)
        }
        await expectKMSError(.invalidKeyUsage, message: "Algorithm ECDH is incompatible with key spec ML_DSA_65.") {
            try key.sharedSecret(withPeer: p256.publicKey.derRepresentation)
        }
        await expectKMSError(.invalidKeyUsage) { try key.decrypt(Data(count: 16), algorithm: .rsaesOaepSha256) }
    }

    @Test func anotherSetsKeyIsRefusedAndAShortSeedIsAnInternalError() async throws {
        await expectKMSError(.validation, message: "The key material is not a PKCS #8 private key of key spec ML_DSA_44.") {
            try AsymmetricPrivateKey(spec: .mlDsa44, pkcs8DER: MLDSAVectors.ietfMLDSA65SeedPKCS8)
        }
        let key44 = AlgorithmTestKeys.generated(.mlDsa44)
        await expectKMSError(.validation) { try AsymmetricPrivateKey(spec: .mlDsa65, pkcs8DER: key44.pkcs8DER) }
        await expectKMSError(.validation) {
            try AsymmetricPublicKey(spec: .mlDsa65, derRepresentation: key44.publicKey.derRepresentation)
        }
        for spec in Self.specs {
            await expectKMSError(.kmsInternal, message: "An ML-DSA key could not be generated.") {
                try AsymmetricPrivateKey(generating: spec) { [UInt8](repeating: 1, count: $0 - 1) }
            }
        }
    }

    // MARK: - Encodings that are not the seed form

    /// A DER element with a definite length (X.690 §8.1.3), for building keys to refuse.
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        let length: [UInt8] = switch content.count {
        case ..<0x80: [UInt8(content.count)]
        case ..<0x100: [0x81, UInt8(content.count)]
        default: [0x82, UInt8(content.count >> 8), UInt8(content.count & 0xFF)]
        }
        return [tag] + length + content
    }

    /// `OneAsymmetricKey` (RFC 5958) of ML-DSA-65 around `privateKey`'s contents.
    static func oneAsymmetricKey(privateKey: [UInt8], version: UInt8 = 0, algorithm: [UInt8]? = nil,
                                 after: [UInt8] = []) -> [UInt8] {
        tlv(0x30, [0x02, 0x01, version] + (algorithm ?? MLDSAKeyEncoding.algorithmIdentifier(.mlDSA65))
            + tlv(0x04, privateKey) + after)
    }

    @Test func onlyTheSeedFormIsRead() async throws {
        let key = AlgorithmTestKeys.generated(.mlDsa65)
        let seed = Array(key.pkcs8DER.suffix(32))
        let publicKey = Array(key.publicKey.derRepresentation.suffix(1952))
        // The builder gives the accepted form when asked for it, so each case below differs in one thing.
        #expect(Self.oneAsymmetricKey(privateKey: Self.tlv(0x80, seed)) == Array(key.pkcs8DER))
        let expandedKey = [UInt8](repeating: 0x42, count: 4032)
        let cases: [String: [UInt8]] = [
            "expandedKey": Self.oneAsymmetricKey(privateKey: Self.tlv(0x04, expandedKey)),
            "both": Self.oneAsymmetricKey(privateKey: Self.tlv(0x30, Self.tlv(0x04, seed) + Self.tlv(0x04, expandedKey))),
            "bare OCTET STRING seed of the early drafts": Self.oneAsymmetricKey(privateKey: Self.tlv(0x04, seed)),
            "seed of 31 bytes": Self.oneAsymmetricKey(privateKey: Self.tlv(0x80, Array(seed.dropLast()))),
            "seed of 33 bytes": Self.oneAsymmetricKey(privateKey: Self.tlv(0x80, seed + [0x00])),
            "seed [0] constructed": Self.oneAsymmetricKey(privateKey: Self.tlv(0xA0, Self.tlv(0x04, seed))),
            "NULL parameters": Self.oneAsymmetricKey(privateKey: Self.tlv(0x80, seed),
                                                     algorithm: Self.tlv(0x30, KeyAlgorithmIdentifier.mlDSA(.mlDSA65) + [0x05, 0x00])),
            "v2 with publicKey [1]": Self.oneAsymmetricKey(privateKey: Self.tlv(0x80, seed), version: 1,
                                                           after: Self.tlv(0x81, [0x00] + publicKey)),
            "attributes [0]": Self.oneAsymmetricKey(privateKey: Self.tlv(0x80, seed), after: Self.tlv(0xA0, [])),
            "trailing byte": Array(key.pkcs8DER) + [0x00],
            "truncated": Array(key.pkcs8DER.dropLast()),
            "Ed25519's PKCS #8 of the same 32 bytes": Ed25519SigningTests.pkcs8Prefix + seed,
            "the raw seed": seed,
        ]
        for (name, der) in cases {
            #expect(throws: KMSError(.validation, ""), "\(name)") { try AsymmetricPrivateKey(spec: .mlDsa65, pkcs8DER: der) }
        }
        await expectKMSError(.validation, message: "The key material is not a PKCS #8 private key of key spec ML_DSA_65.") {
            try AsymmetricPrivateKey(spec: .mlDsa65, pkcs8DER: cases["both"]!)
        }
    }

    @Test func publicKeysOfAnotherSetOrShapeAreRefused() async throws {
        let key65 = AlgorithmTestKeys.generated(.mlDsa65)
        let key87 = AlgorithmTestKeys.generated(.mlDsa87)
        let spki = Array(key65.publicKey.derRepresentation)
        let raw = Array(spki.suffix(1952))
        let algorithm = MLDSAKeyEncoding.algorithmIdentifier(.mlDSA65)
        #expect(Self.tlv(0x30, algorithm + Self.tlv(0x03, [0x00] + raw)) == spki)
        let cases: [[UInt8]] = [
            Array(key87.publicKey.derRepresentation),
            Self.tlv(0x30, algorithm + Self.tlv(0x03, [0x01] + raw)),
            Self.tlv(0x30, algorithm + Self.tlv(0x04, raw)),
            Self.tlv(0x30, algorithm + Self.tlv(0x03, [0x00] + raw.dropLast())),
            Self.tlv(0x30, algorithm + Self.tlv(0x03, [0x00] + raw + [0x00])),
            spki + [0x00],
            raw,
            Array(key65.pkcs8DER),
        ]
        let notAKey = "The public key is not a DER-encoded SubjectPublicKeyInfo of a key spec ML_DSA_65 public key."
        for der in cases {
            await expectKMSError(.validation, message: notAKey) {
                try AsymmetricPublicKey(spec: .mlDsa65, derRepresentation: der)
            }
        }
        await expectKMSError(.validation) { try AsymmetricPublicKey(spec: .mlDsa87, derRepresentation: spki) }
        await expectKMSError(.validation) { try AsymmetricPublicKey(spec: .eccNistEdwards25519, derRepresentation: spki) }
    }
}
