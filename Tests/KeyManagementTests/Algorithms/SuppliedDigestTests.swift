import Crypto
import Foundation
import Testing
import _CryptoExtras
@testable import KeyManagement

/// Digests built from caller-supplied bytes are the digests swift-crypto computes itself.
@Suite struct SuppliedDigestTests {
    @Test func builtDigestsHoldExactlyTheSuppliedBytes() throws {
        let message = Data("supplied digest".utf8)
        let sha256 = Array(SHA256.hash(data: message))
        let sha384 = Array(SHA384.hash(data: message))
        let sha512 = Array(SHA512.hash(data: message))
        #expect(Array(try SuppliedDigest.make(sha256, as: SHA256Digest.self)) == sha256)
        #expect(Array(try SuppliedDigest.make(sha384, as: SHA384Digest.self)) == sha384)
        #expect(Array(try SuppliedDigest.make(sha512, as: SHA512Digest.self)) == sha512)
        #expect(try SuppliedDigest.make(sha256, as: SHA256Digest.self) == SHA256.hash(data: message))
        let arbitrary = (0..<32).map { UInt8($0 * 7) }
        #expect(Array(try SuppliedDigest.make(arbitrary, as: SHA256Digest.self)) == arbitrary)
    }

    @Test func bytesOfAnotherLengthAreRefused() {
        #expect(throws: KMSError(.kmsInternal, "")) { try SuppliedDigest.make([UInt8](repeating: 1, count: 31), as: SHA256Digest.self) }
        #expect(throws: KMSError(.kmsInternal, "")) { try SuppliedDigest.make([UInt8](repeating: 1, count: 64), as: SHA384Digest.self) }
    }

    /// PKCS #1 v1.5 is deterministic: the same digest gives the same signature, so equality proves
    /// `_RSA` hashed nothing and encoded the same DigestInfo for the built digest.
    @Test func rsaSignatureOverABuiltDigestEqualsOneOverTheRealDigest() throws {
        let key = try _RSA.Signing.PrivateKey(derRepresentation: OpenSSLVectors.rsa2048PKCS8)
        let real = SHA256.hash(data: OpenSSLVectors.rsaSignedMessage)
        let built = try SuppliedDigest.make(Array(real), as: SHA256Digest.self)
        let overBuilt = try key.signature(for: built, padding: .insecurePKCS1v1_5)
        let overReal = try key.signature(for: real, padding: .insecurePKCS1v1_5)
        #expect(overBuilt.rawRepresentation == overReal.rawRepresentation)
        #expect(overBuilt.rawRepresentation == OpenSSLVectors.rsa2048PKCS1v15SHA256Signature)
        #expect(key.publicKey.isValidSignature(overBuilt, for: real, padding: .insecurePKCS1v1_5))

        let pss = try key.signature(for: try SuppliedDigest.make(Array(SHA512.hash(data: Data("x".utf8))), as: SHA512Digest.self), padding: .PSS)
        #expect(key.publicKey.isValidSignature(pss, for: SHA512.hash(data: Data("x".utf8)), padding: .PSS))
    }

    @Test func ecdsaSignatureOverABuiltDigestVerifiesOverTheRealDigest() throws {
        let key = P384.Signing.PrivateKey()
        let real = SHA384.hash(data: Data("ecdsa".utf8))
        let signature = try key.signature(for: try SuppliedDigest.make(Array(real), as: SHA384Digest.self))
        #expect(key.publicKey.isValidSignature(signature, for: real))
        #expect(key.publicKey.isValidSignature(signature, for: Data("ecdsa".utf8)))
    }
}
