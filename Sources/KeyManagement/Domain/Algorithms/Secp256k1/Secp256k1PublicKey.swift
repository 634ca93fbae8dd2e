import CSecp256k1
import Foundation

/// A point on secp256k1 that is a public key, and ECDSA verification with it, through libsecp256k1.
struct Secp256k1PublicKey: Sendable {
    /// The SEC 1 uncompressed encoding, `04 ‖ x ‖ y` (SEC 1 §2.3.3), always 65 bytes.
    let uncompressedPoint: [UInt8]
    private let context: Secp256k1Context

    static let uncompressedByteCount = 65

    /// A public key from a SEC 1 point: compressed (`02`/`03` ‖ x) or uncompressed (`04` ‖ x ‖ y).
    ///
    /// libsecp256k1 also reads the "hybrid" form (`06`/`07`), which RFC 5480 §2.2 does not allow in
    /// a SubjectPublicKeyInfo; it is refused here.
    /// - Throws: ``Secp256k1Failure/invalidPublicKey`` for any other encoding, and for a point
    ///   that is not on the curve.
    init(point: some Collection<UInt8>, context: Secp256k1Context = .shared) throws(Secp256k1Failure) {
        let bytes = Array(point)
        switch (bytes.first, bytes.count) {
        case (0x04, 65), (0x02, 33), (0x03, 33): break
        default: throw .invalidPublicKey
        }
        var parsed = secp256k1_pubkey()
        guard secp256k1_ec_pubkey_parse(context.pointer, &parsed, bytes, bytes.count) == 1 else {
            throw .invalidPublicKey
        }
        self.init(parsed, context: context)
    }

    init(_ key: secp256k1_pubkey, context: Secp256k1Context) {
        var key = key
        var output = [UInt8](repeating: 0, count: Self.uncompressedByteCount)
        var length = output.count
        // "Returns: 1 always" for an initialized key and a 65-byte buffer.
        _ = secp256k1_ec_pubkey_serialize(context.pointer, &output, &length, &key, UInt32(SECP256K1_EC_UNCOMPRESSED))
        self.uncompressedPoint = output
        self.context = context
    }

    /// Whether `signature`, a DER `ECDSA-Sig-Value`, is this key's ECDSA signature of the 32-byte `digest`.
    ///
    /// A signature that is not strict DER does not parse and is not valid (libsecp256k1 rejects
    /// BER lengths, superfluous leading zeros and trailing bytes; r or s out of range parse but
    /// never verify).
    ///
    /// - Important: the signature is normalised to low S (s ≤ n/2) before verifying.
    ///   libsecp256k1 accepts only low-S signatures, a Bitcoin rule against malleability
    ///   (`secp256k1_ecdsa_signature_normalize`); ECDSA itself (SEC 1 §4.1.4, FIPS 186-5), AWS
    ///   KMS and OpenSSL accept both (r, s) and (r, n − s), and AWS clients may present signatures
    ///   made elsewhere. Arca's own signatures are always low S.
    func isValidSignature(_ signature: some Collection<UInt8>, forDigest digest: [UInt8]) -> Bool {
        guard digest.count == 32 else { return false }
        let der = Array(signature)
        var parsed = secp256k1_ecdsa_signature()
        guard secp256k1_ecdsa_signature_parse_der(context.pointer, &parsed, der, der.count) == 1 else { return false }
        var normalized = secp256k1_ecdsa_signature()
        _ = secp256k1_ecdsa_signature_normalize(context.pointer, &normalized, &parsed)
        var key = secp256k1_pubkey()
        guard secp256k1_ec_pubkey_parse(context.pointer, &key, uncompressedPoint, uncompressedPoint.count) == 1 else {
            return false
        }
        return secp256k1_ecdsa_verify(context.pointer, &normalized, digest, &key) == 1
    }
}

/// Why a libsecp256k1 call refused its input. Never shown: callers answer with their own KMS error.
enum Secp256k1Failure: Error {
    /// Not 32 bytes, zero, or not below the group order n.
    case invalidSecretKey
    /// Not a SEC 1 encoding of a point on the curve.
    case invalidPublicKey
    /// Not one of the DER structures of ``Secp256k1KeyEncoding``.
    case invalidEncoding
    /// A digest that is not 32 bytes, or a nonce function that gave up (never, for RFC 6979).
    case signingFailed
}
