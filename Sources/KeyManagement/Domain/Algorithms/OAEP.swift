import _CryptoExtras

/// RSAES-OAEP as AWS KMS uses it: RSAES_OAEP_SHA_1 and RSAES_OAEP_SHA_256, each with MGF1 over
/// the same hash and an empty label (RFC 8017 §7.1).
enum OAEP {
    /// swift-crypto's OAEP modes name the OAEP hash only; BoringSSL then uses it for MGF1 too.
    static func padding(_ algorithm: EncryptionAlgorithmSpec, _ spec: KeySpec) throws(KMSError) -> _RSA.Encryption.Padding {
        switch algorithm {
        case .rsaesOaepSha1: .PKCS1_OAEP
        case .rsaesOaepSha256: .PKCS1_OAEP_SHA256
        case .symmetricDefault, .sm2pke: throw .incompatible(algorithm, with: spec)
        }
    }

    /// The longest plaintext: "mLen ≤ k − 2hLen − 2" (RFC 8017 §7.1.1), k the modulus length in
    /// bytes and hLen the hash length; for RSA_2048 that is 214 bytes with SHA-1, 190 with SHA-256.
    static func maximumPlaintextByteCount(_ algorithm: EncryptionAlgorithmSpec, modulusBitCount: Int) -> Int {
        let hashByteCount = algorithm == .rsaesOaepSha1 ? 20 : 32
        return modulusBitCount / 8 - 2 * hashByteCount - 2
    }
}
