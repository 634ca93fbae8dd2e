/// The algorithm a PKCS #8 private key or a SubjectPublicKeyInfo declares, checked against a key
/// spec before swift-crypto parses the key.
///
/// swift-crypto's parsers take more than "a key of this spec": NIST private keys also parse from
/// SEC1, RSA keys from PKCS #1, and a PKCS #8 Ed25519 key is read without looking at its
/// algorithm (an X25519 key passes). Requiring the exact `AlgorithmIdentifier` first makes the
/// spec, the curve and the format all part of the check. DER has one encoding per value, so
/// comparing bytes is comparing values.
enum KeyAlgorithmIdentifier {
    /// The contents of the `AlgorithmIdentifier` SEQUENCE (RFC 5280 §4.1.1.2) for a spec.
    ///
    /// - rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters, which "shall have a value of
    ///   type NULL" (RFC 8017 appendix A.1).
    /// - id-ecPublicKey (1.2.840.10045.2.1) with the named curve secp256r1 (1.2.840.10045.3.1.7),
    ///   secp384r1 (1.3.132.0.34), secp521r1 (1.3.132.0.35) (RFC 5480 §2.1.1) or secp256k1
    ///   (1.3.132.0.10, SEC 2 §A.2.1).
    /// - id-Ed25519 (1.3.101.112) with the parameters absent (RFC 8410 §3).
    /// - id-ml-dsa-44 (2.16.840.1.101.3.4.3.17), id-ml-dsa-65 (…3.18) or id-ml-dsa-87 (…3.19) with
    ///   the parameters absent (draft-ietf-lamps-dilithium-certificates-13 §2).
    static func contents(for spec: KeySpec) -> [UInt8]? {
        let ecPublicKey: [UInt8] = [0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]
        switch spec {
        case .rsa2048, .rsa3072, .rsa4096:
            return [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00]
        case .eccNistP256: return ecPublicKey + [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
        case .eccNistP384: return ecPublicKey + [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22]
        case .eccNistP521: return ecPublicKey + [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x23]
        case .eccSecgP256k1: return ecPublicKey + [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x0A]
        case .eccNistEdwards25519: return [0x06, 0x03, 0x2B, 0x65, 0x70]
        default: return MLDSAParameterSet(spec).map(mlDSA)
        }
    }

    /// The OID of an ML-DSA parameter set: NIST's sigAlgs arc 2.16.840.1.101.3.4.3, then 17, 18 or 19.
    static func mlDSA(_ parameters: MLDSAParameterSet) -> [UInt8] {
        let sigAlgs: [UInt8] = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03]
        switch parameters {
        case .mlDSA44: return sigAlgs + [0x11]
        case .mlDSA65: return sigAlgs + [0x12]
        case .mlDSA87: return sigAlgs + [0x13]
        }
    }

    /// Whether `der` is one `PrivateKeyInfo` / `OneAsymmetricKey` (RFC 5208 §5, RFC 5958 §2) whose
    /// `privateKeyAlgorithm` is that of `spec`: `SEQUENCE { INTEGER version, AlgorithmIdentifier, … }`.
    static func pkcs8(_ der: [UInt8], declares spec: KeySpec) -> Bool {
        var outer = DERReader(der[...])
        guard var fields = outer.read(tag: sequence).map(DERReader.init), outer.isAtEnd,
              fields.read(tag: integer) != nil else { return false }
        return fields.read(tag: sequence).map(Array.init) == contents(for: spec)
    }

    /// Whether `der` is one `SubjectPublicKeyInfo` (RFC 5280 §4.1) whose `algorithm` is that of
    /// `spec`: `SEQUENCE { AlgorithmIdentifier, BIT STRING }`.
    static func subjectPublicKeyInfo(_ der: [UInt8], declares spec: KeySpec) -> Bool {
        var outer = DERReader(der[...])
        guard var fields = outer.read(tag: sequence).map(DERReader.init), outer.isAtEnd else { return false }
        return fields.read(tag: sequence).map(Array.init) == contents(for: spec)
    }

    private static let sequence: UInt8 = 0x30
    private static let integer: UInt8 = 0x02
}

/// Reads DER tag-length-value elements in order, checking every length before slicing.
private struct DERReader {
    private var rest: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { rest = bytes }

    var isAtEnd: Bool { rest.isEmpty }

    /// The contents of the next element if its tag is `tag`; nil if it is another or malformed.
    mutating func read(tag: UInt8) -> ArraySlice<UInt8>? {
        guard rest.count >= 2, rest.first == tag else { return nil }
        var index = rest.startIndex + 1
        var length = Int(rest[index])
        index += 1
        if length >= 0x80 {
            // Long form (X.690 §8.1.3.5): the low bits count the length bytes that follow.
            let lengthByteCount = length & 0x7F
            guard (1...3).contains(lengthByteCount), rest.endIndex - index >= lengthByteCount else { return nil }
            length = 0
            for byte in rest[index..<index + lengthByteCount] {
                length = length << 8 | Int(byte)
            }
            index += lengthByteCount
        }
        guard rest.endIndex - index >= length else { return nil }
        defer { rest = rest[(index + length)...] }
        return rest[index..<index + length]
    }
}
