import Crypto
import _CryptoExtras

/// Recovers plaintext key material from an `ImportKeyMaterial` `EncryptedKeyMaterial` blob.
enum ImportKeyUnwrap {
    /// Size of the ephemeral AES key in the `RSA_AES_KEY_WRAP_*` schemes (AWS KMS docs: "a 256-bit AES symmetric key").
    static let ephemeralAESKeyByteCount = 32

    /// Unwraps `encryptedKeyMaterial` with the import wrapping key `privateKey`.
    ///
    /// Per the AWS KMS developer guide ("Encrypt key material"):
    /// - `RSAES_PKCS1_V1_5`, `RSAES_OAEP_SHA_1`, `RSAES_OAEP_SHA_256`: the blob is a single RSA
    ///   ciphertext (exactly the modulus size) of the key material; OAEP uses the named hash for
    ///   both the OAEP digest and MGF1, with an empty label.
    /// - `RSA_AES_KEY_WRAP_SHA_1`, `RSA_AES_KEY_WRAP_SHA_256`: the blob is
    ///   `RSAES-OAEP(ephemeral 256-bit AES key) || RFC 5649 AES-KWP(key material)`, the first part
    ///   being exactly the modulus size in bytes.
    ///
    /// - Throws: ``ImportUnwrapError/invalidWrapping`` for wrong lengths, wrong key, wrong
    ///   padding/algorithm, a non-256-bit ephemeral key, empty key material, or any tampering.
    static func unwrap(
        _ encryptedKeyMaterial: [UInt8],
        algorithm: AlgorithmSpec,
        privateKey: _RSA.Encryption.PrivateKey
    ) throws(ImportUnwrapError) -> [UInt8] {
        let modulusByteCount = (privateKey.keySizeInBits + 7) / 8
        let material: [UInt8]
        switch algorithm {
        case .rsaesPkcs1V15, .rsaesOaepSha1, .rsaesOaepSha256:
            guard encryptedKeyMaterial.count == modulusByteCount, let padding = algorithm.rsaPadding else { throw .invalidWrapping }
            material = try rsaDecrypt(encryptedKeyMaterial[...], padding: padding, privateKey: privateKey)

        case .rsaAesKeyWrapSha1, .rsaAesKeyWrapSha256:
            // The RFC 5649 part is at least 16 bytes (one AIV block plus one data block).
            guard encryptedKeyMaterial.count >= modulusByteCount + 16, let padding = algorithm.rsaPadding else {
                throw .invalidWrapping
            }
            let split = encryptedKeyMaterial.startIndex + modulusByteCount
            let aesKey = try rsaDecrypt(encryptedKeyMaterial[..<split], padding: padding, privateKey: privateKey)
            guard aesKey.count == ephemeralAESKeyByteCount else { throw .invalidWrapping }
            material = try AESKeyWrapPadding.unwrap(
                Array(encryptedKeyMaterial[split...]), kek: SymmetricKey(data: aesKey))
        case .sm2pke:
            throw .invalidWrapping
        }
        guard !material.isEmpty else { throw .invalidWrapping }
        return material
    }

    private static func rsaDecrypt(
        _ ciphertext: ArraySlice<UInt8>,
        padding: _RSA.Encryption.Padding,
        privateKey: _RSA.Encryption.PrivateKey
    ) throws(ImportUnwrapError) -> [UInt8] {
        do {
            return Array(try privateKey.decrypt(ciphertext, padding: padding))
        } catch {
            throw .invalidWrapping
        }
    }
}

extension AlgorithmSpec {
    /// RSA padding for the (first) RSA ciphertext. swift-crypto's OAEP modes set the OAEP digest
    /// only; BoringSSL then uses the same digest for MGF1, matching AWS (and OpenSSL's
    /// `-pkeyopt rsa_oaep_md:X -pkeyopt rsa_mgf1_md:X`).
    var rsaPadding: _RSA.Encryption.Padding? {
        switch self {
        case .rsaesPkcs1V15: ._WEAK_AND_INSECURE_PKCS_V1_5
        case .rsaesOaepSha1, .rsaAesKeyWrapSha1: .PKCS1_OAEP
        case .rsaesOaepSha256, .rsaAesKeyWrapSha256: .PKCS1_OAEP_SHA256
        case .sm2pke: nil
        }
    }
}
