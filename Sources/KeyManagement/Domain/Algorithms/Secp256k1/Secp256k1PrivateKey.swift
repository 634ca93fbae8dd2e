import CSecp256k1
import Foundation

/// A secp256k1 private key and ECDSA signing with it, through libsecp256k1.
///
/// - Important: the scalar lives in ``SecretBytes``, zeroed when the key is released; it leaves
///   only through ``withSecretBytes(_:)``, for encoding as PKCS #8.
struct Secp256k1PrivateKey: Sendable {
    static let secretByteCount = 32

    private let secret: SecretBytes
    let publicKey: Secp256k1PublicKey
    private let context: Secp256k1Context

    /// The key whose scalar is the 32 big-endian bytes `secretKey`.
    ///
    /// - Throws: ``Secp256k1Failure/invalidSecretKey`` unless 1 ≤ scalar < n
    ///   (`secp256k1_ec_seckey_verify`).
    init(secretKey: some Collection<UInt8>, context: Secp256k1Context = .shared) throws(Secp256k1Failure) {
        guard secretKey.count == Self.secretByteCount else { throw .invalidSecretKey }
        let secret = SecretBytes(copying: secretKey)
        var publicKey = secp256k1_pubkey()
        let created = secret.withUnsafeBytes { scalar in
            let pointer = scalar.bindMemory(to: UInt8.self).baseAddress!
            return secp256k1_ec_seckey_verify(context.pointer, pointer) == 1
                && secp256k1_ec_pubkey_create(context.pointer, &publicKey, pointer) == 1
        }
        guard created else { throw .invalidSecretKey }
        self.secret = secret
        self.publicKey = Secp256k1PublicKey(publicKey, context: context)
        self.context = context
    }

    /// The ECDSA signature of the 32-byte `digest`, DER-encoded (`ECDSA-Sig-Value`, RFC 3279 §2.2.3).
    ///
    /// `secp256k1_ecdsa_sign` with its default nonce function, RFC 6979's deterministic nonce
    /// (HMAC-SHA256 over the key and the digest): the same key and digest always give the same
    /// signature, and no randomness is needed. The signature is always low S.
    func signature(forDigest digest: [UInt8]) throws(Secp256k1Failure) -> Data {
        guard digest.count == 32 else { throw .signingFailed }
        var signature = secp256k1_ecdsa_signature()
        let signed = secret.withUnsafeBytes { scalar in
            secp256k1_ecdsa_sign(context.pointer, &signature, digest, scalar.bindMemory(to: UInt8.self).baseAddress!,
                                 nil, nil) == 1
        }
        guard signed else { throw .signingFailed }
        // A DER ECDSA-Sig-Value of two 256-bit integers is at most 72 bytes: 2 + 2 × (2 + 33).
        var der = [UInt8](repeating: 0, count: 72)
        var length = der.count
        guard secp256k1_ecdsa_signature_serialize_der(context.pointer, &der, &length, &signature) == 1 else {
            throw .signingFailed
        }
        return Data(der[..<length])
    }

    /// Lends the 32-byte scalar to `body`, which must not keep it.
    func withSecretBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        secret.withUnsafeBytes(body)
    }
}
