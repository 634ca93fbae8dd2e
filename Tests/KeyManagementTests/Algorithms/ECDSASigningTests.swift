import ArcaTestSupport
import Crypto
import Foundation
import Testing
@testable import KeyManagement

/// ECDSA_SHA_256/384/512 on ECC_NIST_P256/P384/P521 and ECDSA_SHA_256 on ECC_SECG_P256K1: DER
/// signatures over RAW messages and DIGESTs.
@Suite struct ECDSASigningTests {
    static let curves: [(KeySpec, SigningAlgorithmSpec)] = [
        (.eccNistP256, .ecdsaSha256), (.eccNistP384, .ecdsaSha384), (.eccNistP521, .ecdsaSha512),
        (.eccSecgP256k1, .ecdsaSha256),
    ]

    static func digest(_ message: Data, _ algorithm: SigningAlgorithmSpec) -> Data {
        switch algorithm {
        case .ecdsaSha256: Data(SHA256.hash(data: message))
        case .ecdsaSha384: Data(SHA384.hash(data: message))
        default: Data(SHA512.hash(data: message))
        }
    }

    @Test(arguments: ECDSASigningTests.curves)
    func signsRawAndDigestAndEitherVerifiesAsTheOther(spec: KeySpec, algorithm: SigningAlgorithmSpec) throws {
        let key = AlgorithmTestKeys.generated(spec)
        let publicKey = key.publicKey
        let message = Data("ECDSA over \(spec.rawValue)".utf8)
        let digest = Self.digest(message, algorithm)

        let overRaw = try key.sign(message, messageType: .raw, algorithm: algorithm)
        let overDigest = try key.sign(digest, messageType: .digest, algorithm: algorithm)
        #expect(overRaw.first == 0x30, "a DER SEQUENCE")
        for signature in [overRaw, overDigest] {
            #expect(try publicKey.isValidSignature(signature, for: message, messageType: .raw, algorithm: algorithm))
            #expect(try publicKey.isValidSignature(signature, for: digest, messageType: .digest, algorithm: algorithm))
            #expect(try !publicKey.isValidSignature(signature, for: message + [0x21], messageType: .raw, algorithm: algorithm))
            // RAW hashes the digest again: another message.
            #expect(try !publicKey.isValidSignature(signature, for: digest, messageType: .raw, algorithm: algorithm))
        }
    }

    /// RFC 6979 appendix A.2.5: ECDSA, 256 bits (prime field), SHA-256, message "sample".
    @Test func rfc6979P256SampleSignatureVerifies() throws {
        let publicKey = try P256.Signing.PublicKey(x963Representation: [UInt8](hex: "04"
            + "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"
            + "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299"))
        let key = try AsymmetricPublicKey(spec: .eccNistP256, derRepresentation: publicKey.derRepresentation)
        // SEQUENCE { INTEGER r, INTEGER s }, each with a leading 0x00 because its high bit is set.
        let signature = Data([UInt8](hex: "3046"
            + "022100" + "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
            + "022100" + "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"))
        let message = Data("sample".utf8)
        #expect(try key.isValidSignature(signature, for: message, messageType: .raw, algorithm: .ecdsaSha256))
        #expect(try key.isValidSignature(signature, for: Data(SHA256.hash(data: message)), messageType: .digest, algorithm: .ecdsaSha256))
        #expect(try !key.isValidSignature(signature, for: Data("test".utf8), messageType: .raw, algorithm: .ecdsaSha256))

        var tampered = signature
        tampered[tampered.count - 1] ^= 0x01
        #expect(try !key.isValidSignature(tampered, for: message, messageType: .raw, algorithm: .ecdsaSha256))
        // Not DER: the bare r‖s, a trailing byte, a truncated encoding, a long-form length where the
        // short form fits, an integer with a superfluous leading zero, nothing.
        let r = signature[5..<37], s = signature[40...]
        let rawRS = Data(r + s)
        #expect(rawRS.count == 64)
        let longFormLength = Data([0x30, 0x81, 0x46]) + signature.dropFirst(2)
        let paddedInteger = Data([0x30, 0x47, 0x02, 0x22, 0x00, 0x00]) + r + Data([0x02, 0x21, 0x00]) + s
        for malformed in [rawRS, signature + [0x00], signature.dropLast(), longFormLength, paddedInteger, Data()] {
            #expect(try !key.isValidSignature(malformed, for: message, messageType: .raw, algorithm: .ecdsaSha256))
        }
    }

    @Test func digestOfTheWrongLengthIsRefusedWithAWSMessage() async {
        let key = AlgorithmTestKeys.generated(.eccNistP256)
        await expectKMSError(.validation, message: "Digest is invalid length for algorithm ECDSA_SHA_256.") {
            try key.sign(Data(repeating: 7, count: 31), messageType: .digest, algorithm: .ecdsaSha256)
        }
        await expectKMSError(.validation, message: "Digest is invalid length for algorithm ECDSA_SHA_256.") {
            try key.publicKey.isValidSignature(Data(count: 70), for: Data(repeating: 7, count: 48), messageType: .digest, algorithm: .ecdsaSha256)
        }
        let p384 = AlgorithmTestKeys.generated(.eccNistP384)
        await expectKMSError(.validation, message: "Digest is invalid length for algorithm ECDSA_SHA_384.") {
            try p384.sign(Data(repeating: 7, count: 32), messageType: .digest, algorithm: .ecdsaSha384)
        }
    }

    @Test func anotherCurvesAlgorithmAndExternalMuAreRefused() async {
        let key = AlgorithmTestKeys.generated(.eccNistP256)
        await expectKMSError(.invalidKeyUsage, message: "Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.") {
            try key.sign(Data("m".utf8), messageType: .raw, algorithm: .ecdsaSha384)
        }
        await expectKMSError(.invalidKeyUsage, message: "Algorithm RSASSA_PSS_SHA_256 is incompatible with key spec ECC_NIST_P256.") {
            try key.publicKey.isValidSignature(Data(), for: Data("m".utf8), messageType: .raw, algorithm: .rsassaPssSha256)
        }
        await expectKMSError(.validation) {
            try key.sign(Data(count: 64), messageType: .externalMu, algorithm: .ecdsaSha256)
        }
    }
}
