import Crypto
import Foundation
import _CryptoExtras

/// The private half of an asymmetric KMS key. Stored (wrapped under the root key, by others) as
/// PKCS #8 DER.
///
/// The randomness inside operations (ECDSA nonces, PSS salts, OAEP seeds, the `rnd` of hedged
/// ML-DSA signing) is BoringSSL's, through swift-crypto, which takes none from outside; only key
/// generation draws from the injected source. ECC_SECG_P256K1 keys are libsecp256k1's, whose ECDSA
/// nonces are deterministic (RFC 6979); Ed25519ph signatures are libsodium's, deterministic too.
///
/// - Important: this is key material. It never appears in messages, logs or descriptions; only
///   ``pkcs8DER`` exposes it, for wrapping.
public struct AsymmetricPrivateKey: Sendable {
    public let spec: KeySpec
    let backing: Backing

    enum Backing: Sendable {
        case rsa(_RSA.Signing.PrivateKey)
        case p256(P256.Signing.PrivateKey)
        case p384(P384.Signing.PrivateKey)
        case p521(P521.Signing.PrivateKey)
        case secp256k1(Secp256k1PrivateKey)
        case ed25519(Curve25519.Signing.PrivateKey)
        case mlDSA(MLDSAPrivateKey)
    }

    /// A new key of `spec` (RSA_2048/3072/4096, ECC_NIST_P256/P384/P521, ECC_SECG_P256K1,
    /// ECC_NIST_EDWARDS25519, ML_DSA_44/65/87).
    ///
    /// EC private scalars, the Ed25519 seed and the ML-DSA seed come from `randomBytes`, so a seeded
    /// source gives a reproducible key. RSA keys come from swift-crypto's own generator (BoringSSL's
    /// `RSA_generate_key_ex` over its own CSPRNG): it takes no randomness from outside, and
    /// reimplementing prime generation over `randomBytes` is exactly what must not be hand-rolled.
    public init(generating spec: KeySpec, randomBytes: (Int) -> [UInt8]) throws(KMSError) {
        self.spec = spec
        switch spec {
        case .rsa2048, .rsa3072, .rsa4096:
            do {
                backing = .rsa(try _RSA.Signing.PrivateKey(keySize: .init(bitCount: Self.rsaBitCount(spec))))
            } catch {
                throw KMSError(.kmsInternal, "An RSA key could not be generated.")
            }
        case .eccNistP256:
            backing = .p256(try Self.drawScalar(byteCount: 32, topByteMask: 0xFF, randomBytes) {
                try P256.Signing.PrivateKey(rawRepresentation: $0)
            })
        case .eccNistP384:
            backing = .p384(try Self.drawScalar(byteCount: 48, topByteMask: 0xFF, randomBytes) {
                try P384.Signing.PrivateKey(rawRepresentation: $0)
            })
        case .eccNistP521:
            // 66 bytes hold 528 bits; the order has 521, so only the lowest bit of the first byte
            // can be set in an in-range scalar.
            backing = .p521(try Self.drawScalar(byteCount: 66, topByteMask: 0x01, randomBytes) {
                try P521.Signing.PrivateKey(rawRepresentation: $0)
            })
        case .eccSecgP256k1:
            // The candidate is accepted when `secp256k1_ec_seckey_verify` does.
            backing = .secp256k1(try Self.drawScalar(byteCount: 32, topByteMask: 0xFF, randomBytes) {
                try Secp256k1PrivateKey(secretKey: $0)
            })
        case .eccNistEdwards25519:
            // Every 32-byte string is a valid seed (RFC 8032 §5.1.5).
            let seed = randomBytes(32)
            do {
                backing = .ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: seed))
            } catch {
                throw KMSError(.kmsInternal, "An Ed25519 key could not be generated.")
            }
        case .mlDsa44, .mlDsa65, .mlDsa87:
            // ML-DSA.KeyGen (FIPS 204 Algorithm 1) is a random 32-byte seed ξ expanded by
            // ML-DSA.KeyGen_internal: every 32-byte string is a seed.
            var seed = randomBytes(MLDSAKeyEncoding.seedByteCount)
            defer { SecretBytes.zero(&seed) }
            guard let parameters = MLDSAParameterSet(spec), let key = try? MLDSAPrivateKey(seed: seed, parameters) else {
                throw KMSError(.kmsInternal, "An ML-DSA key could not be generated.")
            }
            backing = .mlDSA(key)
        default:
            throw Self.unsupportedSpec(spec)
        }
    }

    /// A stored or imported key: PKCS #8 DER (RFC 5208 / RFC 5958); for ML-DSA, the seed form only
    /// (see ``MLDSAKeyEncoding``).
    ///
    /// - Throws: `ValidationException` for bytes that are not a PKCS #8 key of `spec`: another
    ///   algorithm or curve, another RSA size or ML-DSA parameter set, SEC1 or PKCS #1 encodings,
    ///   ML-DSA's expanded private keys, garbage.
    public init(spec: KeySpec, pkcs8DER: some DataProtocol) throws(KMSError) {
        guard KeyAlgorithmIdentifier.contents(for: spec) != nil else { throw Self.unsupportedSpec(spec) }
        var der = Array(pkcs8DER)
        defer { SecretBytes.zero(&der) }
        let notAKey = KMSError(.validation, "The key material is not a PKCS #8 private key of key spec \(spec.rawValue).")
        guard KeyAlgorithmIdentifier.pkcs8(der, declares: spec) else { throw notAKey }
        self.spec = spec
        do {
            switch spec {
            case .rsa2048, .rsa3072, .rsa4096:
                let key = try _RSA.Signing.PrivateKey(derRepresentation: der)
                guard key.keySizeInBits == Self.rsaBitCount(spec) else { throw notAKey }
                backing = .rsa(key)
            case .eccNistP256: backing = .p256(try P256.Signing.PrivateKey(derRepresentation: der))
            case .eccNistP384: backing = .p384(try P384.Signing.PrivateKey(derRepresentation: der))
            case .eccNistP521: backing = .p521(try P521.Signing.PrivateKey(derRepresentation: der))
            case .eccSecgP256k1: backing = .secp256k1(try Secp256k1KeyEncoding.privateKey(pkcs8: der))
            case .eccNistEdwards25519: backing = .ed25519(try Curve25519.Signing.PrivateKey(derRepresentation: der))
            default:
                guard let parameters = MLDSAParameterSet(spec),
                      let seed = MLDSAKeyEncoding.seed(pkcs8: der, parameters) else { throw notAKey }
                backing = .mlDSA(try MLDSAPrivateKey(seed: seed, parameters))
            }
        } catch {
            throw notAKey
        }
    }

    /// PKCS #8 DER: what storage wraps and ``init(spec:pkcs8DER:)`` reads back.
    public var pkcs8DER: Data {
        switch backing {
        case .rsa(let key): key.pkcs8DERRepresentation
        case .p256(let key): key.derRepresentation
        case .p384(let key): key.derRepresentation
        case .p521(let key): key.derRepresentation
        case .secp256k1(let key): Secp256k1KeyEncoding.pkcs8(key)
        case .ed25519(let key): key.derRepresentation
        case .mlDSA(let key): key.withSeed { MLDSAKeyEncoding.pkcs8(seed: $0, key.parameters) }
        }
    }

    public var publicKey: AsymmetricPublicKey {
        switch backing {
        case .rsa(let key): AsymmetricPublicKey(spec: spec, backing: .rsa(key.publicKey))
        case .p256(let key): AsymmetricPublicKey(spec: spec, backing: .p256(key.publicKey))
        case .p384(let key): AsymmetricPublicKey(spec: spec, backing: .p384(key.publicKey))
        case .p521(let key): AsymmetricPublicKey(spec: spec, backing: .p521(key.publicKey))
        case .secp256k1(let key): AsymmetricPublicKey(spec: spec, backing: .secp256k1(key.publicKey))
        case .ed25519(let key): AsymmetricPublicKey(spec: spec, backing: .ed25519(key.publicKey))
        case .mlDSA(let key): AsymmetricPublicKey(spec: spec, backing: .mlDSA(key.publicKey))
        }
    }

    static func rsaBitCount(_ spec: KeySpec) -> Int {
        switch spec {
        case .rsa3072: 3072
        case .rsa4096: 4096
        default: 2048
        }
    }

    static func unsupportedSpec(_ spec: KeySpec) -> KMSError {
        switch spec {
        case .symmetricDefault, .hmac224, .hmac256, .hmac384, .hmac512:
            KMSError(.kmsInternal, "Key spec \(spec.rawValue) is not an asymmetric key spec.")
        default:
            KMSError.unsupported("Key spec \(spec.rawValue)")
        }
    }

    /// Draws candidate scalars until one is a private key: in [1, n − 1]. Rejection sampling, as
    /// in FIPS 186-4 appendix B.4.2 ("Key Pair Generation by Testing Candidates"), so the key is
    /// uniform; the mask only drops bits above the order's bit length, which no valid key has.
    private static func drawScalar<Key>(byteCount: Int, topByteMask: UInt8, _ randomBytes: (Int) -> [UInt8],
                                        _ makeKey: ([UInt8]) throws -> Key) throws(KMSError) -> Key {
        // A candidate fails with probability at most about 2⁻³² (P-256), so running out means a broken source.
        for _ in 0..<64 {
            var candidate = randomBytes(byteCount)
            // The key keeps its own copy; this one is a secret nobody needs any more.
            defer { SecretBytes.zero(&candidate) }
            guard candidate.count == byteCount else { break }
            candidate[0] &= topByteMask
            if let key = try? makeKey(candidate) { return key }
        }
        throw KMSError(.kmsInternal, "The random source gave no valid private key.")
    }
}

extension AsymmetricPrivateKey: CustomStringConvertible {
    /// Never the key: only its spec.
    public var description: String { "AsymmetricPrivateKey(\(spec.rawValue))" }
}
