import ArcaTestSupport
import Crypto
import Foundation
import Testing
@testable import KeyManagement

/// ECC_SECG_P256K1 through libsecp256k1: vectors from other implementations, high-S signatures,
/// the PKCS #8 and SubjectPublicKeyInfo forms, and the refusals.
@Suite struct Secp256k1Tests {
    static let opensslKey = try! AsymmetricPrivateKey(spec: .eccSecgP256k1, pkcs8DER: Secp256k1Vectors.opensslPKCS8)

    @Test(arguments: Secp256k1Vectors.wycheproof)
    func wycheproofVectorsVerifyAsPublished(_ vector: Secp256k1Vectors.Wycheproof) throws {
        let key = try AsymmetricPublicKey(spec: .eccSecgP256k1, derRepresentation: [UInt8](hex: vector.spki))
        let message = Data([UInt8](hex: vector.message))
        let signature = Data([UInt8](hex: vector.signature))
        #expect(try key.isValidSignature(signature, for: message, messageType: .raw, algorithm: .ecdsaSha256) == vector.valid)
        #expect(try key.isValidSignature(signature, for: Data(SHA256.hash(data: message)), messageType: .digest,
                                         algorithm: .ecdsaSha256) == vector.valid)
        #expect(try !key.isValidSignature(signature, for: message + [0x00], messageType: .raw, algorithm: .ecdsaSha256))
    }

    /// libsecp256k1 alone refuses (r, s) with s > n/2; ECDSA, AWS and OpenSSL accept it, and so does Arca.
    @Test func highSSignatureFromOpenSSLIsValidAsIsItsLowSTwin() throws {
        let publicKey = try AsymmetricPublicKey(spec: .eccSecgP256k1, derRepresentation: Secp256k1Vectors.opensslSPKI)
        let digest = Data(SHA256.hash(data: Secp256k1Vectors.message))
        for signature in [Secp256k1Vectors.opensslHighSSignature, Secp256k1Vectors.opensslLowSSignature] {
            #expect(try publicKey.isValidSignature(signature, for: Secp256k1Vectors.message, messageType: .raw, algorithm: .ecdsaSha256))
            #expect(try publicKey.isValidSignature(signature, for: digest, messageType: .digest, algorithm: .ecdsaSha256))
        }
        var tampered = Secp256k1Vectors.opensslHighSSignature
        tampered[tampered.count - 1] ^= 0x01
        #expect(try !publicKey.isValidSignature(tampered, for: Secp256k1Vectors.message, messageType: .raw, algorithm: .ecdsaSha256))
    }

    @Test func signingIsRFC6979DeterministicAndLowS() throws {
        let key = Self.opensslKey
        let overRaw = try key.sign(Secp256k1Vectors.message, messageType: .raw, algorithm: .ecdsaSha256)
        let overDigest = try key.sign(Data(SHA256.hash(data: Secp256k1Vectors.message)), messageType: .digest, algorithm: .ecdsaSha256)
        #expect(overRaw == Secp256k1Vectors.rfc6979LowSSignature)
        #expect(overDigest == Secp256k1Vectors.rfc6979LowSSignature)
        #expect(try key.sign(Secp256k1Vectors.message, messageType: .raw, algorithm: .ecdsaSha256) == overRaw)
    }

    @Test func opensslPKCS8IsReadWithOpenSSLsPublicKeyAndWrittenBackByteForByte() throws {
        let key = Self.opensslKey
        #expect(key.pkcs8DER == Secp256k1Vectors.opensslPKCS8)
        #expect(key.pkcs8DER.count == Secp256k1KeyEncoding.pkcs8ByteCount)
        #expect(key.publicKey.derRepresentation == Secp256k1Vectors.opensslSPKI)
        let publicKey = try AsymmetricPublicKey(spec: .eccSecgP256k1, derRepresentation: Secp256k1Vectors.opensslSPKI)
        #expect(publicKey.derRepresentation == Secp256k1Vectors.opensslSPKI)
    }

    @Test func optionalFieldsOfECPrivateKeyAreReadAndChecked() async throws {
        let sec1 = Secp256k1Vectors.opensslSEC1
        // The same ECPrivateKey in PKCS #8 with `parameters [0]` kept (as some tools write it).
        let withParameters = Self.pkcs8(wrapping: sec1)
        #expect(try AsymmetricPrivateKey(spec: .eccSecgP256k1, pkcs8DER: withParameters).pkcs8DER == Secp256k1Vectors.opensslPKCS8)
        // Without `publicKey [1]`, which is then derived.
        let scalar = Array(sec1[7..<39])
        let withoutPublicKey = Self.pkcs8(wrapping: [0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20] + scalar)
        #expect(try AsymmetricPrivateKey(spec: .eccSecgP256k1, pkcs8DER: withoutPublicKey).pkcs8DER == Secp256k1Vectors.opensslPKCS8)

        // `parameters [0]` naming secp384r1 (1.3.132.0.34) inside a secp256k1 PKCS #8.
        var otherCurve = sec1
        #expect(otherCurve[47] == 0x0A)
        otherCurve[47] = 0x22
        // `publicKey [1]` that is another key's.
        var otherPublicKey = sec1
        otherPublicKey.replaceSubrange(53..<118, with: AlgorithmTestKeys.generated(.eccSecgP256k1).publicKey.derRepresentation.suffix(65))
        for bytes in [Self.pkcs8(wrapping: otherCurve), Self.pkcs8(wrapping: otherPublicKey)] {
            await expectKMSError(.validation, message: "The key material is not a PKCS #8 private key of key spec ECC_SECG_P256K1.") {
                try AsymmetricPrivateKey(spec: .eccSecgP256k1, pkcs8DER: bytes)
            }
        }
    }

    @Test func scalarsOutsideTheGroupAndOtherEncodingsAreRefused() async {
        let valid = Array(Secp256k1Vectors.opensslPKCS8)
        let scalarRange = 33..<65
        #expect(Array(valid[scalarRange]) == Array(Secp256k1Vectors.opensslSEC1[7..<39]))
        let order = [UInt8](hex: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141")
        var zero = valid, n = valid, truncated = valid
        zero.replaceSubrange(scalarRange, with: [UInt8](repeating: 0, count: 32))
        n.replaceSubrange(scalarRange, with: order)
        truncated.removeLast()
        var compressedSPKI = Array(Secp256k1Vectors.opensslSPKI)
        #expect(compressedSPKI[23] == 0x04)
        compressedSPKI[23] = 0x03 // 65 bytes that claim to be a compressed point
        let invalid: [[UInt8]] = [zero, n, truncated, valid + [0x00], Secp256k1Vectors.opensslSEC1, [], Array("key".utf8)]
        for bytes in invalid {
            await expectKMSError(.validation) { try AsymmetricPrivateKey(spec: .eccSecgP256k1, pkcs8DER: bytes) }
        }
        for bytes in [compressedSPKI, Array(Secp256k1Vectors.opensslSPKI.dropLast()), Array(Secp256k1Vectors.opensslSPKI) + [0]] {
            await expectKMSError(.validation) { try AsymmetricPublicKey(spec: .eccSecgP256k1, derRepresentation: bytes) }
        }
    }

    @Test func keysOfAnotherCurveAreRefusedBothWays() async {
        let p256 = AlgorithmTestKeys.generated(.eccNistP256)
        await expectKMSError(.validation, message: "The key material is not a PKCS #8 private key of key spec ECC_SECG_P256K1.") {
            try AsymmetricPrivateKey(spec: .eccSecgP256k1, pkcs8DER: p256.pkcs8DER)
        }
        await expectKMSError(.validation, message: "The public key is not a DER-encoded SubjectPublicKeyInfo of a key spec ECC_SECG_P256K1 public key.") {
            try AsymmetricPublicKey(spec: .eccSecgP256k1, derRepresentation: p256.publicKey.derRepresentation)
        }
        await expectKMSError(.validation) { try AsymmetricPrivateKey(spec: .eccNistP256, pkcs8DER: Secp256k1Vectors.opensslPKCS8) }
        await expectKMSError(.validation) { try AsymmetricPublicKey(spec: .eccNistP256, derRepresentation: Secp256k1Vectors.opensslSPKI) }
        await expectKMSError(.validation) { try AsymmetricPrivateKey(spec: .rsa2048, pkcs8DER: Secp256k1Vectors.opensslPKCS8) }
    }

    @Test func compressedPublicKeyIsReadAndWrittenUncompressed() throws {
        let uncompressed = Array(Secp256k1Vectors.opensslSPKI.suffix(65))
        let compressedPoint = [0x02 | (uncompressed[64] & 1)] + uncompressed[1...32]
        // SEQUENCE (0x36) { AlgorithmIdentifier, BIT STRING (0x22 bytes) { 00, point } }
        let spki = [0x30, 0x36] + Secp256k1KeyEncoding.algorithmIdentifier + [0x03, 0x22, 0x00] + compressedPoint
        let key = try AsymmetricPublicKey(spec: .eccSecgP256k1, derRepresentation: spki)
        #expect(key.derRepresentation == Secp256k1Vectors.opensslSPKI)
    }

    @Test func theBlindingSeedChangesNoOutput() throws {
        let scalar = Array(Secp256k1Vectors.opensslSEC1[7..<39])
        let digest = Array(SHA256.hash(data: Secp256k1Vectors.message))
        let outputs = try [[UInt8](repeating: 0x01, count: 32), [UInt8](repeating: 0xA5, count: 32)].map { seed in
            let key = try Secp256k1PrivateKey(secretKey: scalar, context: Secp256k1Context(blindingSeed: seed))
            return (key.publicKey.uncompressedPoint, try key.signature(forDigest: digest))
        }
        #expect(outputs[0].0 == outputs[1].0)
        #expect(outputs[0].1 == outputs[1].1)
        #expect(outputs[0].1 == Secp256k1Vectors.rfc6979LowSSignature)
    }

    @Test func onlyECDSASHA256AndThirtyTwoByteDigestsAreTaken() async {
        let key = Self.opensslKey
        await expectKMSError(.invalidKeyUsage, message: "Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_SECG_P256K1.") {
            try key.sign(Data("m".utf8), messageType: .raw, algorithm: .ecdsaSha384)
        }
        await expectKMSError(.invalidKeyUsage, message: "Algorithm ED25519_SHA_512 is incompatible with key spec ECC_SECG_P256K1.") {
            try key.publicKey.isValidSignature(Data(), for: Data("m".utf8), messageType: .raw, algorithm: .ed25519Sha512)
        }
        await expectKMSError(.validation, message: "Digest is invalid length for algorithm ECDSA_SHA_256.") {
            try key.sign(Data(repeating: 7, count: 33), messageType: .digest, algorithm: .ecdsaSha256)
        }
        await expectKMSError(.validation, message: "Digest is invalid length for algorithm ECDSA_SHA_256.") {
            try key.publicKey.isValidSignature(Secp256k1Vectors.opensslLowSSignature, for: Data(count: 31), messageType: .digest,
                                               algorithm: .ecdsaSha256)
        }
        await expectKMSError(.invalidKeyUsage, message: "Algorithm ECDH is incompatible with key spec ECC_SECG_P256K1.") {
            try key.sharedSecret(withPeer: Secp256k1Vectors.opensslSPKI)
        }
    }

    @Test func generationDrawsFromTheInjectedSource() throws {
        let scalar = Array(Secp256k1Vectors.opensslSEC1[7..<39])
        let key = try AsymmetricPrivateKey(generating: .eccSecgP256k1) { count in
            #expect(count == 32)
            return scalar
        }
        #expect(key.pkcs8DER == Secp256k1Vectors.opensslPKCS8)
    }

    /// A PKCS #8 PrivateKeyInfo around an ECPrivateKey shorter than 128 bytes.
    static func pkcs8(wrapping ecPrivateKey: [UInt8]) -> [UInt8] {
        let octetString = [0x04, UInt8(ecPrivateKey.count)] + ecPrivateKey
        let contents = [0x02, 0x01, 0x00] + Secp256k1KeyEncoding.algorithmIdentifier + octetString
        // DER lengths: short form below 128, else one length byte after 0x81.
        let length: [UInt8] = contents.count < 0x80 ? [UInt8(contents.count)] : [0x81, UInt8(contents.count)]
        return [0x30] + length + contents
    }
}
