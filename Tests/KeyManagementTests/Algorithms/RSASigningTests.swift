import ArcaTestSupport
import Crypto
import Foundation
import Testing
@testable import KeyManagement

/// RSASSA_PSS_* and RSASSA_PKCS1_V1_5_* with an RSA_2048 key made by OpenSSL.
@Suite struct RSASigningTests {
    static let algorithms: [SigningAlgorithmSpec] = [
        .rsassaPssSha256, .rsassaPssSha384, .rsassaPssSha512,
        .rsassaPkcs1V15Sha256, .rsassaPkcs1V15Sha384, .rsassaPkcs1V15Sha512,
    ]

    static func digest(_ message: Data, _ algorithm: SigningAlgorithmSpec) -> Data {
        switch algorithm {
        case .rsassaPssSha256, .rsassaPkcs1V15Sha256: Data(SHA256.hash(data: message))
        case .rsassaPssSha384, .rsassaPkcs1V15Sha384: Data(SHA384.hash(data: message))
        default: Data(SHA512.hash(data: message))
        }
    }

    @Test(arguments: RSASigningTests.algorithms)
    func signsRawAndDigestAndEitherVerifiesAsTheOther(algorithm: SigningAlgorithmSpec) throws {
        let key = AlgorithmTestKeys.rsa2048
        let message = Data("RSA over \(algorithm.rawValue)".utf8)
        let digest = Self.digest(message, algorithm)
        let overRaw = try key.sign(message, messageType: .raw, algorithm: algorithm)
        let overDigest = try key.sign(digest, messageType: .digest, algorithm: algorithm)
        #expect(overRaw.count == 256)
        for signature in [overRaw, overDigest] {
            #expect(try key.publicKey.isValidSignature(signature, for: message, messageType: .raw, algorithm: algorithm))
            #expect(try key.publicKey.isValidSignature(signature, for: digest, messageType: .digest, algorithm: algorithm))
            #expect(try !key.publicKey.isValidSignature(signature, for: message + [0x2E], messageType: .raw, algorithm: algorithm))
            var tampered = signature
            tampered[100] ^= 0x10
            #expect(try !key.publicKey.isValidSignature(tampered, for: message, messageType: .raw, algorithm: algorithm))
            #expect(try !key.publicKey.isValidSignature(signature.dropLast(), for: message, messageType: .raw, algorithm: algorithm))
        }
        // The other padding or hash over the same key does not accept it.
        for other in Self.algorithms where other != algorithm {
            #expect(try !key.publicKey.isValidSignature(overRaw, for: message, messageType: .raw, algorithm: other))
        }
    }

    /// PKCS #1 v1.5 signatures are deterministic: Arca must produce OpenSSL's bytes exactly.
    @Test func reproducesOpenSSLPKCS1v15SHA256Signature() throws {
        let key = AlgorithmTestKeys.rsa2048
        let message = OpenSSLVectors.rsaSignedMessage
        let expected = OpenSSLVectors.rsa2048PKCS1v15SHA256Signature
        #expect(try key.sign(message, messageType: .raw, algorithm: .rsassaPkcs1V15Sha256) == expected)
        #expect(try key.sign(Data(SHA256.hash(data: message)), messageType: .digest, algorithm: .rsassaPkcs1V15Sha256) == expected)
        #expect(try key.publicKey.isValidSignature(expected, for: message, messageType: .raw, algorithm: .rsassaPkcs1V15Sha256))
    }

    @Test(arguments: RSASigningTests.algorithms)
    func digestOfTheWrongLengthIsRefusedWithAWSMessage(algorithm: SigningAlgorithmSpec) async {
        let key = AlgorithmTestKeys.rsa2048
        let wrongLength = Data(repeating: 3, count: Self.digest(Data(), algorithm).count + 1)
        await expectKMSError(.validation, message: "Digest is invalid length for algorithm \(algorithm.rawValue).") {
            try key.sign(wrongLength, messageType: .digest, algorithm: algorithm)
        }
        await expectKMSError(.validation, message: "Digest is invalid length for algorithm \(algorithm.rawValue).") {
            try key.publicKey.isValidSignature(Data(count: 256), for: wrongLength.dropLast(2), messageType: .digest, algorithm: algorithm)
        }
    }

    @Test func nonRSAAlgorithmsAreRefused() async {
        let key = AlgorithmTestKeys.rsa2048
        await expectKMSError(.invalidKeyUsage, message: "Algorithm ECDSA_SHA_256 is incompatible with key spec RSA_2048.") {
            try key.sign(Data("m".utf8), messageType: .raw, algorithm: .ecdsaSha256)
        }
        await expectKMSError(.invalidKeyUsage, message: "Algorithm ED25519_SHA_512 is incompatible with key spec RSA_2048.") {
            try key.publicKey.isValidSignature(Data(), for: Data("m".utf8), messageType: .raw, algorithm: .ed25519Sha512)
        }
    }

    @Test(arguments: [KeySpec.rsa3072, .rsa4096])
    func largerKeysSign(spec: KeySpec) throws {
        let key = spec == .rsa3072 ? AlgorithmTestKeys.rsa3072 : AlgorithmTestKeys.rsa4096
        let message = Data("larger key".utf8)
        let signature = try key.sign(message, messageType: .raw, algorithm: .rsassaPssSha384)
        #expect(signature.count == (spec == .rsa3072 ? 384 : 512))
        #expect(try key.publicKey.isValidSignature(signature, for: message, messageType: .raw, algorithm: .rsassaPssSha384))
    }
}
