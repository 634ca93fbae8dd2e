import ArcaTestSupport
import Foundation
import Testing
@testable import KeyManagement

/// ED25519_SHA_512 against RFC 8032 §7.1 ("Test Vectors for Ed25519"); ED25519_PH_SHA_512 is in
/// ``Ed25519phSigningTests``.
@Suite struct Ed25519SigningTests {
    struct RFC8032Vector: Sendable, CustomStringConvertible {
        var name: String
        var secretKey: [UInt8]
        var publicKey: [UInt8]
        var message: [UInt8]
        var signature: [UInt8]
        var description: String { name }
    }

    static let vectors = [
        RFC8032Vector(name: "TEST 1",
                      secretKey: [UInt8](hex: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"),
                      publicKey: [UInt8](hex: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"),
                      message: [],
                      signature: [UInt8](hex: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                                              + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")),
        RFC8032Vector(name: "TEST 2",
                      secretKey: [UInt8](hex: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"),
                      publicKey: [UInt8](hex: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"),
                      message: [0x72],
                      signature: [UInt8](hex: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                                              + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")),
        RFC8032Vector(name: "TEST 3",
                      secretKey: [UInt8](hex: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7"),
                      publicKey: [UInt8](hex: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025"),
                      message: [0xAF, 0x82],
                      signature: [UInt8](hex: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                                              + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a")),
    ]

    /// RFC 8410 §7 / §4: the fixed DER around a 32-byte Ed25519 seed or public key.
    static let pkcs8Prefix = [UInt8](hex: "302e020100300506032b657004220420")
    static let spkiPrefix = [UInt8](hex: "302a300506032b6570032100")

    @Test(arguments: Ed25519SigningTests.vectors)
    func rfc8032SignsAndVerifies(vector: RFC8032Vector) async throws {
        let key = try AsymmetricPrivateKey(generating: .eccNistEdwards25519, randomBytes: { _ in vector.secretKey })
        let message = Data(vector.message)
        let signature = try key.sign(message, messageType: .raw, algorithm: .ed25519Sha512)
        // Apple's CryptoKit randomises Ed25519 signatures; BoringSSL, on Linux, follows RFC 8032.
        #if !canImport(Darwin)
        #expect(Array(signature) == vector.signature)
        #endif
        #expect(key.publicKey.derRepresentation == Data(Self.spkiPrefix + vector.publicKey))
        let publicKey = try AsymmetricPublicKey(spec: .eccNistEdwards25519, derRepresentation: Self.spkiPrefix + vector.publicKey)
        #expect(try publicKey.isValidSignature(Data(vector.signature), for: message, messageType: .raw, algorithm: .ed25519Sha512))
        #expect(try publicKey.isValidSignature(signature, for: message, messageType: .raw, algorithm: .ed25519Sha512))
        #expect(try !publicKey.isValidSignature(Data(vector.signature), for: message + [0x00], messageType: .raw, algorithm: .ed25519Sha512))
        var tampered = vector.signature
        tampered[5] ^= 0x01
        #expect(try !publicKey.isValidSignature(Data(tampered), for: message, messageType: .raw, algorithm: .ed25519Sha512))
        #expect(try !publicKey.isValidSignature(Data(vector.signature.prefix(63)), for: message, messageType: .raw, algorithm: .ed25519Sha512))
    }

    @Test func rfc8410PKCS8OfTheSeedIsTheSameKey() throws {
        let vector = Self.vectors[2]
        let key = try AsymmetricPrivateKey(spec: .eccNistEdwards25519, pkcs8DER: Self.pkcs8Prefix + vector.secretKey)
        #expect(key.pkcs8DER == Data(Self.pkcs8Prefix + vector.secretKey))
        #expect(key.publicKey.derRepresentation == Data(Self.spkiPrefix + vector.publicKey))
        #expect(try key.publicKey.isValidSignature(Data(vector.signature), for: Data(vector.message), messageType: .raw, algorithm: .ed25519Sha512))
    }

    @Test func digestMessagesAreRefused() async {
        let key = AlgorithmTestKeys.generated(.eccNistEdwards25519)
        let digest = Data(repeating: 1, count: 64)
        await expectKMSError(.validation, message: "Signing algorithm ED25519_SHA_512 requires MessageType RAW.") {
            try key.sign(digest, messageType: .digest, algorithm: .ed25519Sha512)
        }
        await expectKMSError(.validation, message: "Signing algorithm ED25519_SHA_512 requires MessageType RAW.") {
            try key.publicKey.isValidSignature(Data(count: 64), for: digest, messageType: .digest, algorithm: .ed25519Sha512)
        }
        await expectKMSError(.invalidKeyUsage, message: "Algorithm ECDSA_SHA_256 is incompatible with key spec ECC_NIST_EDWARDS25519.") {
            try key.sign(digest, messageType: .raw, algorithm: .ecdsaSha256)
        }
    }
}
