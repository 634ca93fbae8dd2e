import Crypto
import Foundation
import _CryptoExtras

extension AsymmetricPrivateKey {
    /// Signs as AWS KMS does.
    ///
    /// RAW: the message is hashed with the algorithm's hash, then signed. DIGEST: the message is
    /// the digest, and must be as long as the algorithm's hash. RSASSA-PSS uses MGF1 with the same
    /// hash and a salt as long as the hash. ECDSA signatures are DER-encoded `ECDSA-Sig-Value`s, as
    /// AWS returns them. ED25519_SHA_512 is pure Ed25519 over the message and takes RAW only;
    /// ED25519_PH_SHA_512 is Ed25519ph over the 64-byte digest and takes DIGEST only (see
    /// ``Ed25519ph``). ML_DSA_SHAKE_256 is ML-DSA.Sign (FIPS 204 Algorithm 2) over the message with
    /// the empty context string (RAW), or its signing from the caller's 64-byte μ (EXTERNAL_MU),
    /// hedged either way (BoringSSL draws its `rnd`).
    ///
    /// - Throws: `InvalidKeyUsageException` for an algorithm the key spec cannot use;
    ///   `ValidationException` for a digest or μ of the wrong length or a message type the
    ///   algorithm does not take (see ``SignatureInput``).
    public func sign(_ message: Data, messageType: MessageType, algorithm: SigningAlgorithmSpec) throws(KMSError) -> Data {
        let input = try SignatureInput(message, type: messageType, algorithm: algorithm, keySpec: spec)
        switch (backing, input) {
        case (.rsa(let key), .digest(let digest, let hash)):
            guard let padding = algorithm.rsaSigningPadding else { throw Self.signingFailed }
            switch hash {
            case .sha256: return try Self.rsaSignature(key, SuppliedDigest.make(digest, as: SHA256Digest.self), padding)
            case .sha384: return try Self.rsaSignature(key, SuppliedDigest.make(digest, as: SHA384Digest.self), padding)
            case .sha512: return try Self.rsaSignature(key, SuppliedDigest.make(digest, as: SHA512Digest.self), padding)
            }
        case (.p256(let key), .digest(let digest, _)):
            let supplied = try SuppliedDigest.make(digest, as: SHA256Digest.self)
            do { return try key.signature(for: supplied).derRepresentation } catch { throw Self.signingFailed }
        case (.p384(let key), .digest(let digest, _)):
            let supplied = try SuppliedDigest.make(digest, as: SHA384Digest.self)
            do { return try key.signature(for: supplied).derRepresentation } catch { throw Self.signingFailed }
        case (.p521(let key), .digest(let digest, _)):
            let supplied = try SuppliedDigest.make(digest, as: SHA512Digest.self)
            do { return try key.signature(for: supplied).derRepresentation } catch { throw Self.signingFailed }
        case (.secp256k1(let key), .digest(let digest, _)):
            do { return try key.signature(forDigest: digest) } catch { throw Self.signingFailed }
        case (.ed25519(let key), .message(let message)):
            do { return try key.signature(for: message) } catch { throw Self.signingFailed }
        case (.ed25519(let key), .ed25519ph(let digest)):
            // Not zeroed after use: swift-crypto's `rawRepresentation` can share the key's own
            // storage (its SecureBytes, which it zeroes itself), and zeroing it zeroed the key.
            do { return try Ed25519ph.signature(for: digest, seed: key.rawRepresentation) } catch { throw Self.signingFailed }
        case (.mlDSA(let key), .message(let message)):
            do { return try key.signature(for: message) } catch { throw Self.signingFailed }
        case (.mlDSA(let key), .mu(let mu)):
            do { return try key.signature(forMu: mu) } catch { throw Self.signingFailed }
        default:
            // SignatureInput refuses every algorithm the spec cannot use, so no other pair occurs.
            throw Self.signingFailed
        }
    }

    /// Decrypts RSAES_OAEP_SHA_1 or RSAES_OAEP_SHA_256 ciphertext (MGF1 with the same hash, empty
    /// label, as in RFC 8017 §7.1).
    ///
    /// - Throws: `InvalidKeyUsageException` for another algorithm or a key that is not RSA;
    ///   `InvalidCiphertextException` for a ciphertext that does not decrypt under this key.
    public func decrypt(_ ciphertext: Data, algorithm: EncryptionAlgorithmSpec) throws(KMSError) -> Data {
        guard case .rsa(let key) = backing else { throw .incompatible(algorithm, with: spec) }
        let padding = try OAEP.padding(algorithm, spec)
        // `_RSA.Signing` and `_RSA.Encryption` are separate key types over one RSA key; the
        // conversion costs a parse, paid only by Decrypt.
        let decryptionKey: _RSA.Encryption.PrivateKey
        do {
            decryptionKey = try _RSA.Encryption.PrivateKey(derRepresentation: key.derRepresentation)
        } catch {
            throw KMSError(.kmsInternal, "The RSA key could not be used for decryption.")
        }
        do {
            return try decryptionKey.decrypt(ciphertext, padding: padding)
        } catch {
            throw .invalidCiphertext
        }
    }

    /// ECDH with the peer's public key, given as DER SubjectPublicKeyInfo: the raw shared secret,
    /// which is the x-coordinate of the shared point (SEC 1 §3.3.1), as DeriveSharedSecret returns it.
    ///
    /// - Throws: `ValidationException` for a peer key that does not parse or is on another curve;
    ///   `InvalidKeyUsageException` for a key that is not ECC_NIST_P256, P384 or P521.
    public func sharedSecret(withPeer publicKeyDER: Data) throws(KMSError) -> Data {
        let peer = Array(publicKeyDER)
        let invalidPeer = KMSError(.validation,
                                   "The public key is not a DER-encoded SubjectPublicKeyInfo of a key spec \(spec.rawValue) public key.")
        switch backing {
        case .p256, .p384, .p521:
            guard KeyAlgorithmIdentifier.subjectPublicKeyInfo(peer, declares: spec) else { throw invalidPeer }
        case .rsa, .secp256k1, .ed25519, .mlDSA:
            throw .incompatible(KeyAgreementAlgorithmSpec.ecdh, with: spec)
        }
        let secret: SharedSecret
        do {
            switch backing {
            case .p256(let key):
                let peerKey = try P256.KeyAgreement.PublicKey(derRepresentation: peer)
                secret = try P256.KeyAgreement.PrivateKey(rawRepresentation: key.rawRepresentation).sharedSecretFromKeyAgreement(with: peerKey)
            case .p384(let key):
                let peerKey = try P384.KeyAgreement.PublicKey(derRepresentation: peer)
                secret = try P384.KeyAgreement.PrivateKey(rawRepresentation: key.rawRepresentation).sharedSecretFromKeyAgreement(with: peerKey)
            case .p521(let key):
                let peerKey = try P521.KeyAgreement.PublicKey(derRepresentation: peer)
                secret = try P521.KeyAgreement.PrivateKey(rawRepresentation: key.rawRepresentation).sharedSecretFromKeyAgreement(with: peerKey)
            case .rsa, .secp256k1, .ed25519, .mlDSA:
                throw invalidPeer
            }
        } catch {
            // The point did not decode or is not on the curve.
            throw invalidPeer
        }
        return secret.withUnsafeBytes { Data($0) }
    }

    static let signingFailed = KMSError(.kmsInternal, "The signature could not be computed.")

    private static func rsaSignature(_ key: _RSA.Signing.PrivateKey, _ digest: some Digest,
                                     _ padding: _RSA.Signing.Padding) throws(KMSError) -> Data {
        do {
            return try key.signature(for: digest, padding: padding).rawRepresentation
        } catch {
            throw signingFailed
        }
    }
}
