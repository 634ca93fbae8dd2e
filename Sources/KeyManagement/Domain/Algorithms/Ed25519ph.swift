import CSodium
import Foundation

/// Ed25519ph (RFC 8032 §5.1, HashEdDSA with PH = SHA-512 and the empty context), through libsodium,
/// whose multi-part API (`crypto_sign_init`, `_update`, `_final_create`, `_final_verify`) is
/// exactly this algorithm. swift-crypto has pure Ed25519 only.
///
/// KMS's ED25519_PH_SHA_512 signs the caller's 64-byte digest as the message M: "KMS still
/// performs the SHA-512 prehash described in Step 1 of Section 7.8.1 in FIPS 186-5. This means the
/// input is hashed twice" (KMS API reference, Sign `MessageType`). ``SignatureInput`` checks the
/// digest; here M is any bytes, so RFC 8032's test vectors apply.
enum Ed25519ph {
    /// `sodium_init` once per process: it picks libsodium's implementations and "can safely be
    /// called multiple times" and from several threads; a Swift global is initialised once.
    private static let isLibraryReady: Bool = sodium_init() >= 0

    /// The signature of `message` by the key whose 32-byte RFC 8032 private key (the seed) is `seed`.
    ///
    /// libsodium's 64-byte secret key is the seed followed by the public key
    /// (`crypto_sign_seed_keypair`); it is zeroed as soon as the signature is made.
    static func signature(for message: Data, seed: some Collection<UInt8>) throws(Ed25519phFailure) -> Data {
        guard isLibraryReady, seed.count == Int(crypto_sign_SEEDBYTES) else { throw .signingFailed }
        let seed = SecretBytes(copying: seed)
        let secretKey = try SecretBytes(byteCount: Int(crypto_sign_SECRETKEYBYTES), alignment: 1) {
            (secretKey: UnsafeMutableRawBufferPointer) throws(Ed25519phFailure) in
            var publicKey = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
            let made = seed.withUnsafeBytes { seed in
                crypto_sign_seed_keypair(&publicKey, secretKey.bindMemory(to: UInt8.self).baseAddress!,
                                         seed.bindMemory(to: UInt8.self).baseAddress!)
            }
            guard made == 0 else { throw .signingFailed }
        }
        var state = crypto_sign_state()
        var signature = Data(count: Int(crypto_sign_BYTES))
        let signed = signature.withUnsafeMutableBytes { signature in
            secretKey.withUnsafeBytes { secretKey in
                crypto_sign_init(&state) == 0
                    && update(&state, with: message)
                    && crypto_sign_final_create(&state, signature.bindMemory(to: UInt8.self).baseAddress!, nil,
                                                secretKey.bindMemory(to: UInt8.self).baseAddress!) == 0
            }
        }
        guard signed else { throw .signingFailed }
        return signature
    }

    /// Whether `signature` is the Ed25519ph signature of `message` by the 32-byte public key
    /// `publicKey` (RFC 8032 §5.1.7). A signature that is not 64 bytes is not valid.
    ///
    /// libsodium also refuses a non-canonical S and public keys or R of small order, which
    /// RFC 8032's verification allows; no signature made by RFC 8032's signing has them.
    static func isValidSignature(_ signature: Data, for message: Data, publicKey: [UInt8]) -> Bool {
        guard isLibraryReady, signature.count == Int(crypto_sign_BYTES),
              publicKey.count == Int(crypto_sign_PUBLICKEYBYTES) else { return false }
        var state = crypto_sign_state()
        guard crypto_sign_init(&state) == 0, update(&state, with: message) else { return false }
        let signature = Array(signature)
        return crypto_sign_final_verify(&state, signature, publicKey) == 0
    }

    private static func update(_ state: inout crypto_sign_state, with message: Data) -> Bool {
        message.withUnsafeBytes { message in
            crypto_sign_update(&state, message.bindMemory(to: UInt8.self).baseAddress, UInt64(message.count)) == 0
        }
    }
}

/// Why libsodium refused to sign. Never shown: callers answer with their own KMS error.
enum Ed25519phFailure: Error {
    /// libsodium did not initialise, or the seed is not 32 bytes.
    case signingFailed
}
