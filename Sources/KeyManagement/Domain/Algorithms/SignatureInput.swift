import Crypto
import Foundation
import _CryptoExtras

/// What a signature is computed over once AWS's rules for the key spec, the signing algorithm and
/// the `MessageType` are applied: the same for Sign and Verify.
enum SignatureInput {
    /// Hash-then-sign (RSASSA, ECDSA): the digest, and the hash it is a digest of.
    case digest([UInt8], SignatureHash)
    /// Pure Ed25519 (RFC 8032 §5.1.6) and pure ML-DSA (FIPS 204 Algorithm 2, the empty context),
    /// which hash the whole message themselves.
    case message(Data)
    /// Ed25519ph (RFC 8032 §5.1, the empty context) over M = the caller's 64-byte SHA-512 digest,
    /// which Ed25519ph hashes again: PH(M) = SHA-512(digest). See ``Ed25519ph``.
    case ed25519ph(Data)
    /// ML-DSA's message representative μ (FIPS 204 §6.2, "External μ"), 64 bytes the caller
    /// computed: signed from step 7 of ML-DSA.Sign_internal (Algorithm 7) on.
    case mu([UInt8])

    /// - Throws: `InvalidKeyUsageException` when the spec cannot use the algorithm;
    ///   `ValidationException` for a digest or μ of the wrong length or a message type the
    ///   algorithm does not take; `UnsupportedOperationException` for an algorithm Arca cannot
    ///   compute (SM2DSA).
    init(_ message: Data, type: MessageType, algorithm: SigningAlgorithmSpec, keySpec: KeySpec) throws(KMSError) {
        guard keySpec.signingAlgorithms(usage: .signVerify).contains(algorithm) else {
            throw .incompatible(algorithm, with: keySpec)
        }
        if type == .externalMu, algorithm != .mlDsaShake256 {
            // "use EXTERNAL_MU for 64-byte representative μ used in ML-DSA signing" (AWS).
            throw KMSError(.validation, "MessageType EXTERNAL_MU is only valid with signing algorithm ML_DSA_SHAKE_256.")
        }
        switch algorithm {
        case .ed25519Sha512:
            guard type == .raw else {
                throw KMSError(.validation, "Signing algorithm ED25519_SHA_512 requires MessageType RAW.")
            }
            self = .message(message)
        case .ed25519PhSha512:
            // "ED25519_PH_SHA_512 signing algorithm requires KMS MessageType:DIGEST" (AWS KMS API
            // reference, Sign `MessageType`); the digest is SHA-512's.
            guard type == .digest else {
                throw KMSError(.validation, "Signing algorithm ED25519_PH_SHA_512 requires MessageType DIGEST.")
            }
            try Self.requireDigestLength(message, SHA512.byteCount, algorithm)
            self = .ed25519ph(message)
        case .mlDsaShake256:
            self = try Self.mlDSA(message, type: type)
        default:
            guard let hash = algorithm.hash else { throw KMSError.unsupported("Signing algorithm \(algorithm.rawValue)") }
            switch type {
            case .raw:
                self = .digest(hash.digest(of: message), hash)
            default:
                try Self.requireDigestLength(message, hash.byteCount, algorithm)
                self = .digest(Array(message), hash)
            }
        }
    }

    /// "When the value of MessageType is DIGEST, the length of the Message value must match the
    /// length of hashed messages for the specified signing algorithm." (AWS KMS API reference, Sign)
    private static func requireDigestLength(_ digest: Data, _ byteCount: Int,
                                            _ algorithm: SigningAlgorithmSpec) throws(KMSError) {
        guard digest.count == byteCount else {
            throw KMSError(.validation, "Digest is invalid length for algorithm \(algorithm.rawValue).")
        }
    }

    /// ML_DSA_SHAKE_256's message types. RAW is the message, "up to 4 KB" (AWS KMS Developer
    /// Guide, ML-DSA keys), which the Sign and Verify shapes already bound.
    ///
    /// EXTERNAL_MU is μ = H(tr ‖ M′, 64) computed by the caller (FIPS 204 §6.2). Sign signs it
    /// (BoringSSL's `MLDSAxx_sign_message_representative`); Verify checks it with
    /// ``MLDSAExternalMuVerifier``, as no library here verifies from μ.
    /// DIGEST has no meaning for ML-DSA, which is not hash-then-sign: AWS's guide names RAW and
    /// EXTERNAL_MU only; its exact answer to DIGEST is not recorded.
    private static func mlDSA(_ message: Data, type: MessageType) throws(KMSError) -> SignatureInput {
        switch type {
        case .raw:
            return .message(message)
        case .externalMu:
            // "When the value of MessageType is EXTERNAL_MU the length of the Message value must be
            // 64 bytes." (AWS KMS API reference, Sign)
            guard message.count == 64 else {
                throw KMSError(.validation, "MessageType EXTERNAL_MU requires a Message of 64 bytes.")
            }
            return .mu(Array(message))
        case .digest:
            throw KMSError(.validation, "Signing algorithm ML_DSA_SHAKE_256 requires MessageType RAW or EXTERNAL_MU.")
        }
    }
}

/// The hash of a hash-then-sign algorithm.
enum SignatureHash: Sendable {
    case sha256, sha384, sha512

    var byteCount: Int {
        switch self {
        case .sha256: SHA256.byteCount
        case .sha384: SHA384.byteCount
        case .sha512: SHA512.byteCount
        }
    }

    func digest(of message: Data) -> [UInt8] {
        switch self {
        case .sha256: Array(SHA256.hash(data: message))
        case .sha384: Array(SHA384.hash(data: message))
        case .sha512: Array(SHA512.hash(data: message))
        }
    }
}

extension SigningAlgorithmSpec {
    /// "Signing algorithms that end in SHA_256 use the SHA_256 hashing algorithm", and so on (AWS
    /// KMS API reference, `MessageType`); nil for algorithms that are not hash-then-sign.
    var hash: SignatureHash? {
        switch self {
        case .rsassaPssSha256, .rsassaPkcs1V15Sha256, .ecdsaSha256: .sha256
        case .rsassaPssSha384, .rsassaPkcs1V15Sha384, .ecdsaSha384: .sha384
        case .rsassaPssSha512, .rsassaPkcs1V15Sha512, .ecdsaSha512: .sha512
        case .ed25519Sha512, .ed25519PhSha512, .mlDsaShake256, .sm2dsa: nil
        }
    }

    /// AWS's RSASSA_PSS algorithms use one SHA-2 hash for the message digest and for MGF1, with a
    /// salt as long as the hash: swift-crypto's `.PSS`, which takes both from the digest's type.
    var rsaSigningPadding: _RSA.Signing.Padding? {
        switch self {
        case .rsassaPssSha256, .rsassaPssSha384, .rsassaPssSha512: .PSS
        case .rsassaPkcs1V15Sha256, .rsassaPkcs1V15Sha384, .rsassaPkcs1V15Sha512: .insecurePKCS1v1_5
        default: nil
        }
    }
}
