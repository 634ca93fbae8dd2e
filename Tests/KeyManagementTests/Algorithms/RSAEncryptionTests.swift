import ArcaTestSupport
import Foundation
import Testing
@testable import KeyManagement

/// RSAES_OAEP_SHA_1 and RSAES_OAEP_SHA_256: round trips, OpenSSL interoperability, the plaintext
/// limits with AWS's recorded message, and ciphertexts that do not decrypt.
@Suite struct RSAEncryptionTests {
    static let algorithms: [EncryptionAlgorithmSpec] = [.rsaesOaepSha1, .rsaesOaepSha256]

    @Test(arguments: RSAEncryptionTests.algorithms)
    func roundTripsAndCiphertextsDifferEachTime(algorithm: EncryptionAlgorithmSpec) throws {
        let key = AlgorithmTestKeys.rsa2048
        let plaintext = Data("a data key".utf8)
        let first = try key.publicKey.encrypt(plaintext, algorithm: algorithm)
        let second = try key.publicKey.encrypt(plaintext, algorithm: algorithm)
        #expect(first.count == 256)
        #expect(first != second)
        #expect(try key.decrypt(first, algorithm: algorithm) == plaintext)
        #expect(try key.decrypt(second, algorithm: algorithm) == plaintext)
        #expect(try key.decrypt(try key.publicKey.encrypt(Data(), algorithm: algorithm), algorithm: algorithm) == Data())
    }

    @Test func decryptsOpenSSLCiphertexts() throws {
        let key = AlgorithmTestKeys.rsa2048
        #expect(try key.decrypt(OpenSSLVectors.rsa2048OAEPSHA1Ciphertext, algorithm: .rsaesOaepSha1) == OpenSSLVectors.oaepPlaintext)
        #expect(try key.decrypt(OpenSSLVectors.rsa2048OAEPSHA256Ciphertext, algorithm: .rsaesOaepSha256) == OpenSSLVectors.oaepPlaintext)
    }

    /// k − 2·hLen − 2 bytes (RFC 8017 §7.1.1), with the message AWS answers beyond it.
    @Test(arguments: [
        (KeySpec.rsa2048, EncryptionAlgorithmSpec.rsaesOaepSha1, 214), (.rsa2048, .rsaesOaepSha256, 190),
        (.rsa3072, .rsaesOaepSha1, 342), (.rsa3072, .rsaesOaepSha256, 318),
        (.rsa4096, .rsaesOaepSha1, 470), (.rsa4096, .rsaesOaepSha256, 446),
    ])
    func plaintextLimit(spec: KeySpec, algorithm: EncryptionAlgorithmSpec, limit: Int) async throws {
        let key = switch spec {
        case .rsa3072: AlgorithmTestKeys.rsa3072
        case .rsa4096: AlgorithmTestKeys.rsa4096
        default: AlgorithmTestKeys.rsa2048
        }
        let largest = Data(repeating: 0x5A, count: limit)
        #expect(try key.decrypt(try key.publicKey.encrypt(largest, algorithm: algorithm), algorithm: algorithm) == largest)
        await expectKMSError(.validation,
                             message: "Algorithm \(algorithm.rawValue) and key spec \(spec.rawValue) cannot encrypt data larger than \(limit) bytes.") {
            try key.publicKey.encrypt(largest + [0x5A], algorithm: algorithm)
        }
    }

    @Test func recordedAWSMessageForRSA2048AndSHA1() async {
        await expectKMSError(.validation, message: "Algorithm RSAES_OAEP_SHA_1 and key spec RSA_2048 cannot encrypt data larger than 214 bytes.") {
            try AlgorithmTestKeys.rsa2048.publicKey.encrypt(Data(count: 215), algorithm: .rsaesOaepSha1)
        }
    }

    @Test(arguments: RSAEncryptionTests.algorithms)
    func ciphertextThatDoesNotDecryptIsInvalidCiphertext(algorithm: EncryptionAlgorithmSpec) async throws {
        let key = AlgorithmTestKeys.rsa2048
        let ciphertext = try key.publicKey.encrypt(Data("secret".utf8), algorithm: algorithm)
        for index in [0, 128, 255] {
            var tampered = ciphertext
            tampered[index] ^= 0x01
            await expectKMSError(.invalidCiphertext) { try key.decrypt(tampered, algorithm: algorithm) }
        }
        await expectKMSError(.invalidCiphertext) { try key.decrypt(ciphertext.dropLast(), algorithm: algorithm) }
        await expectKMSError(.invalidCiphertext) { try key.decrypt(Data(), algorithm: algorithm) }
        let otherAlgorithm: EncryptionAlgorithmSpec = algorithm == .rsaesOaepSha1 ? .rsaesOaepSha256 : .rsaesOaepSha1
        await expectKMSError(.invalidCiphertext) { try key.decrypt(ciphertext, algorithm: otherAlgorithm) }
        let otherKey = AlgorithmTestKeys.rsa3072
        await expectKMSError(.invalidCiphertext) {
            try otherKey.decrypt(try otherKey.publicKey.encrypt(Data("x".utf8), algorithm: algorithm).prefix(256), algorithm: algorithm)
        }
        await expectKMSError(.invalidCiphertext) { try otherKey.decrypt(ciphertext, algorithm: algorithm) }
    }

    @Test func nonOAEPAlgorithmsAndNonRSAKeysAreRefused() async {
        let rsa = AlgorithmTestKeys.rsa2048
        await expectKMSError(.invalidKeyUsage, message: "Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.") {
            try rsa.publicKey.encrypt(Data("x".utf8), algorithm: .symmetricDefault)
        }
        await expectKMSError(.invalidKeyUsage) { try rsa.decrypt(Data(count: 256), algorithm: .sm2pke) }
        let ec = AlgorithmTestKeys.generated(.eccNistP256)
        await expectKMSError(.invalidKeyUsage, message: "Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec ECC_NIST_P256.") {
            try ec.publicKey.encrypt(Data("x".utf8), algorithm: .rsaesOaepSha256)
        }
        await expectKMSError(.invalidKeyUsage) { try ec.decrypt(Data(count: 256), algorithm: .rsaesOaepSha256) }
    }
}
