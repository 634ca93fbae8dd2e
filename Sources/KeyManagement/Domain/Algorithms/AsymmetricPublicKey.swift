import Crypto
import Foundation
import _CryptoExtras

/// The public half of an asymmetric KMS key: what GetPublicKey returns, and what verifies and
/// encrypts.
public struct AsymmetricPublicKey: Sendable {
    public let spec: KeySpec
    let backing: Backing

    enum Backing: Sendable {
        case rsa(_RSA.Signing.PublicKey)
        case p256(P256.Signing.PublicKey)
        case p384(P384.Signing.PublicKey)
        case p521(P521.Signing.PublicKey)
        case secp256k1(Secp256k1PublicKey)
        case ed25519(Curve25519.Signing.PublicKey)
        case mlDSA(MLDSAPublicKey)
    }

    init(spec: KeySpec, backing: Backing) {
        self.spec = spec
        self.backing = backing
    }

    /// A public key from DER SubjectPublicKeyInfo (RFC 5280 §4.1).
    ///
    /// - Throws: `ValidationException` for bytes that are not a SubjectPublicKeyInfo of `spec`.
    public init(spec: KeySpec, derRepresentation: some DataProtocol) throws(KMSError) {
        guard KeyAlgorithmIdentifier.contents(for: spec) != nil else { throw AsymmetricPrivateKey.unsupportedSpec(spec) }
        let der = Array(derRepresentation)
        let notAKey = KMSError(.validation, "The public key is not a DER-encoded SubjectPublicKeyInfo of a key spec \(spec.rawValue) public key.")
        guard KeyAlgorithmIdentifier.subjectPublicKeyInfo(der, declares: spec) else { throw notAKey }
        self.spec = spec
        do {
            switch spec {
            case .rsa2048, .rsa3072, .rsa4096:
                let key = try _RSA.Signing.PublicKey(derRepresentation: der)
                guard key.keySizeInBits == AsymmetricPrivateKey.rsaBitCount(spec) else { throw notAKey }
                backing = .rsa(key)
            case .eccNistP256: backing = .p256(try P256.Signing.PublicKey(derRepresentation: der))
            case .eccNistP384: backing = .p384(try P384.Signing.PublicKey(derRepresentation: der))
            case .eccNistP521: backing = .p521(try P521.Signing.PublicKey(derRepresentation: der))
            case .eccSecgP256k1: backing = .secp256k1(try Secp256k1KeyEncoding.publicKey(subjectPublicKeyInfo: der))
            case .eccNistEdwards25519: backing = .ed25519(try Curve25519.Signing.PublicKey(derRepresentation: der))
            default:
                guard let parameters = MLDSAParameterSet(spec),
                      let raw = MLDSAKeyEncoding.publicKey(subjectPublicKeyInfo: der, parameters) else { throw notAKey }
                backing = .mlDSA(try MLDSAPublicKey(rawRepresentation: raw, parameters))
            }
        } catch {
            throw notAKey
        }
    }

    /// DER SubjectPublicKeyInfo: what GetPublicKey returns, and what `openssl pkey -pubin -inform DER` reads.
    public var derRepresentation: Data {
        switch backing {
        case .rsa(let key): key.derRepresentation
        case .p256(let key): key.derRepresentation
        case .p384(let key): key.derRepresentation
        case .p521(let key): key.derRepresentation
        case .secp256k1(let key): Secp256k1KeyEncoding.subjectPublicKeyInfo(key)
        case .ed25519(let key): key.derRepresentation
        case .mlDSA(let key): MLDSAKeyEncoding.subjectPublicKeyInfo(key.rawRepresentation, key.parameters)
        }
    }

    /// Whether `signature` is this key's signature of `message`, under the same message and digest
    /// rules as ``AsymmetricPrivateKey/sign(_:messageType:algorithm:)``.
    ///
    /// A malformed signature (not DER for ECDSA, of the wrong length) is simply not valid: false.
    /// ML-DSA signatures are checked as FIPS 204 ML-DSA.Verify (Algorithm 3) with the empty context.
    /// swift-crypto and libsecp256k1 read ECDSA signatures as strict DER (no BER lengths, no padded
    /// integers, no trailing bytes). ECC_SECG_P256K1 signatures with a high S are valid, as in
    /// standard ECDSA and AWS: see ``Secp256k1PublicKey/isValidSignature(_:forDigest:)``.
    /// ML-DSA's EXTERNAL_MU is checked from μ on (``MLDSAExternalMuVerifier``).
    /// - Throws: as `sign` does, for the algorithm, the message type and the digest length.
    public func isValidSignature(_ signature: Data, for message: Data, messageType: MessageType,
                                 algorithm: SigningAlgorithmSpec) throws(KMSError) -> Bool {
        let input = try SignatureInput(message, type: messageType, algorithm: algorithm, keySpec: spec)
        switch (backing, input) {
        case (.rsa(let key), .digest(let digest, let hash)):
            guard let padding = algorithm.rsaSigningPadding else { return false }
            let rsaSignature = _RSA.Signing.RSASignature(rawRepresentation: signature)
            switch hash {
            case .sha256:
                return key.isValidSignature(rsaSignature, for: try SuppliedDigest.make(digest, as: SHA256Digest.self), padding: padding)
            case .sha384:
                return key.isValidSignature(rsaSignature, for: try SuppliedDigest.make(digest, as: SHA384Digest.self), padding: padding)
            case .sha512:
                return key.isValidSignature(rsaSignature, for: try SuppliedDigest.make(digest, as: SHA512Digest.self), padding: padding)
            }
        case (.p256(let key), .digest(let digest, _)):
            guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: try SuppliedDigest.make(digest, as: SHA256Digest.self))
        case (.p384(let key), .digest(let digest, _)):
            guard let parsed = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: try SuppliedDigest.make(digest, as: SHA384Digest.self))
        case (.p521(let key), .digest(let digest, _)):
            guard let parsed = try? P521.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: try SuppliedDigest.make(digest, as: SHA512Digest.self))
        case (.secp256k1(let key), .digest(let digest, _)):
            return key.isValidSignature(signature, forDigest: digest)
        case (.ed25519(let key), .message(let message)):
            return key.isValidSignature(signature, for: message)
        case (.ed25519(let key), .ed25519ph(let digest)):
            return Ed25519ph.isValidSignature(signature, for: digest, publicKey: Array(key.rawRepresentation))
        case (.mlDSA(let key), .message(let message)):
            return key.isValidSignature(signature, for: message)
        case (.mlDSA(let key), .mu(let mu)):
            // No library here verifies from μ: Arca's own FIPS 204 Algorithm 8 does.
            return MLDSAExternalMuVerifier.isValid(signature: Array(signature), mu: mu, publicKey: key.rawRepresentation,
                                                   parameters: key.parameters)
        default:
            // SignatureInput refuses every algorithm the spec cannot use, so no other pair occurs.
            return false
        }
    }

    /// Encrypts with RSAES_OAEP_SHA_1 or RSAES_OAEP_SHA_256 (MGF1 with the same hash, empty label).
    ///
    /// - Throws: `ValidationException` for plaintext longer than OAEP allows, with AWS's message;
    ///   `InvalidKeyUsageException` for another algorithm or a key that is not RSA.
    public func encrypt(_ plaintext: Data, algorithm: EncryptionAlgorithmSpec) throws(KMSError) -> Data {
        guard case .rsa(let key) = backing else { throw .incompatible(algorithm, with: spec) }
        let padding = try OAEP.padding(algorithm, spec)
        let limit = OAEP.maximumPlaintextByteCount(algorithm, modulusBitCount: key.keySizeInBits)
        guard plaintext.count <= limit else {
            // Recorded from AWS.
            throw KMSError(.validation,
                           "Algorithm \(algorithm.rawValue) and key spec \(spec.rawValue) cannot encrypt data larger than \(limit) bytes.")
        }
        do {
            let encryptionKey = try _RSA.Encryption.PublicKey(derRepresentation: key.derRepresentation)
            return try encryptionKey.encrypt(plaintext, padding: padding)
        } catch {
            throw KMSError(.kmsInternal, "The plaintext could not be encrypted.")
        }
    }
}
