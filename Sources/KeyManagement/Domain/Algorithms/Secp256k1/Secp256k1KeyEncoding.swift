import Foundation
import SwiftASN1

/// The DER forms of ECC_SECG_P256K1 keys: PKCS #8 private keys and SubjectPublicKeyInfo public
/// keys, byte for byte as OpenSSL writes them.
///
/// Every field has a fixed length (a 32-byte scalar, a 65-byte uncompressed point), so each form
/// is a fixed prefix, the scalar or point, and for PKCS #8 a fixed infix: written with no encoder,
/// straight into the output, so the scalar is copied nowhere else. Reading goes through
/// SwiftASN1's strict DER parser, which also takes the optional fields other tools write.
enum Secp256k1KeyEncoding {
    /// `AlgorithmIdentifier { id-ecPublicKey, secp256k1 }` (RFC 5480 §2.1.1; secp256k1 is
    /// 1.3.132.0.10, SEC 2 §A.2.1): 18 bytes.
    static let algorithmIdentifier: [UInt8] = [0x30, 0x10] + KeyAlgorithmIdentifier.contents(for: .eccSecgP256k1)!

    /// The 135-byte PKCS #8 encoding (RFC 5208 §5) up to the scalar:
    ///
    ///     30 81 84                PrivateKeyInfo SEQUENCE, 132 bytes
    ///       02 01 00                version v1 (0)
    ///       30 10 …                 AlgorithmIdentifier (above)
    ///       04 6D                   privateKey OCTET STRING, 109 bytes, holding
    ///         30 6B                   ECPrivateKey SEQUENCE (RFC 5915 §3), 107 bytes
    ///           02 01 01                version ecPrivkeyVer1 (1)
    ///           04 20                   privateKey OCTET STRING, 32 bytes: the scalar
    ///
    /// `parameters [0]` is left out, as RFC 5915 §3 allows when the AlgorithmIdentifier names the curve.
    static let pkcs8Prefix: [UInt8] = [0x30, 0x81, 0x84, 0x02, 0x01, 0x00] + algorithmIdentifier
        + [0x04, 0x6D, 0x30, 0x6B, 0x02, 0x01, 0x01, 0x04, 0x20]

    /// Between the scalar and the point: `publicKey [1]` (explicit, 68 bytes) holding a BIT STRING of
    /// 66 bytes, no unused bits.
    static let pkcs8Infix: [UInt8] = [0xA1, 0x44, 0x03, 0x42, 0x00]

    /// The 88-byte SubjectPublicKeyInfo (RFC 5280 §4.1) up to the point: `30 56`, the
    /// AlgorithmIdentifier, `03 42 00` (a BIT STRING of 66 bytes, no unused bits).
    static let subjectPublicKeyInfoPrefix: [UInt8] = [0x30, 0x56] + algorithmIdentifier + [0x03, 0x42, 0x00]

    static let pkcs8ByteCount = pkcs8Prefix.count + Secp256k1PrivateKey.secretByteCount + pkcs8Infix.count
        + Secp256k1PublicKey.uncompressedByteCount

    /// secp256k1 (SEC 2 §A.2.1).
    private static let curve: ASN1ObjectIdentifier = [1, 3, 132, 0, 10]

    static func pkcs8(_ key: Secp256k1PrivateKey) -> Data {
        // Exactly the final capacity, so the buffer holding the scalar is never reallocated.
        var der = Data(capacity: pkcs8ByteCount)
        der.append(contentsOf: pkcs8Prefix)
        key.withSecretBytes { der.append(contentsOf: $0) }
        der.append(contentsOf: pkcs8Infix)
        der.append(contentsOf: key.publicKey.uncompressedPoint)
        return der
    }

    static func subjectPublicKeyInfo(_ key: Secp256k1PublicKey) -> Data {
        Data(subjectPublicKeyInfoPrefix + key.uncompressedPoint)
    }

    /// Reads a PKCS #8 `PrivateKeyInfo` holding an RFC 5915 `ECPrivateKey` on secp256k1.
    ///
    /// Takes what OpenSSL and others write: the ECPrivateKey's `parameters [0]` present (it must
    /// then name secp256k1) or absent; its `publicKey [1]` present (it must then be the scalar's
    /// public key) or absent; PKCS #8 `attributes [0]`, which are ignored, as BoringSSL does.
    /// - Throws: ``Secp256k1Failure`` for anything else: another version, algorithm or curve, a
    ///   scalar that is not 32 bytes or not in [1, n − 1], a mismatched public key, BER, trailing bytes.
    static func privateKey(pkcs8 der: [UInt8], context: Secp256k1Context = .shared) throws(Secp256k1Failure) -> Secp256k1PrivateKey {
        do {
            return try DER.sequence(try DER.parse(der), identifier: .sequence) { nodes in
                guard try Int(derEncoded: &nodes) == 0,
                      let algorithm = nodes.next(), algorithm.encodedBytes.elementsEqual(algorithmIdentifier) else {
                    throw Secp256k1Failure.invalidEncoding
                }
                let ecPrivateKey = try ASN1OctetString(derEncoded: &nodes)
                _ = DER.optionalImplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { _ in }
                return try Self.ecPrivateKey(ecPrivateKey.bytes, context: context)
            }
        } catch let failure as Secp256k1Failure {
            throw failure
        } catch {
            throw .invalidEncoding
        }
    }

    /// Reads a SubjectPublicKeyInfo of a secp256k1 point, uncompressed or compressed (RFC 5480 §2.2).
    static func publicKey(subjectPublicKeyInfo der: [UInt8], context: Secp256k1Context = .shared) throws(Secp256k1Failure) -> Secp256k1PublicKey {
        do {
            return try DER.sequence(try DER.parse(der), identifier: .sequence) { nodes in
                guard let algorithm = nodes.next(), algorithm.encodedBytes.elementsEqual(algorithmIdentifier) else {
                    throw Secp256k1Failure.invalidEncoding
                }
                let point = try ASN1BitString(derEncoded: &nodes)
                guard point.paddingBits == 0 else { throw Secp256k1Failure.invalidEncoding }
                return try Secp256k1PublicKey(point: point.bytes, context: context)
            }
        } catch let failure as Secp256k1Failure {
            throw failure
        } catch {
            throw .invalidEncoding
        }
    }

    /// `ECPrivateKey ::= SEQUENCE { version INTEGER (1), privateKey OCTET STRING,
    /// parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }` (RFC 5915 §3).
    private static func ecPrivateKey(_ bytes: ArraySlice<UInt8>, context: Secp256k1Context) throws -> Secp256k1PrivateKey {
        try DER.sequence(try DER.parse(bytes), identifier: .sequence) { nodes in
            guard try Int(derEncoded: &nodes) == 1 else { throw Secp256k1Failure.invalidEncoding }
            let scalar = try ASN1OctetString(derEncoded: &nodes)
            let parameters = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                try ASN1ObjectIdentifier(derEncoded: $0)
            }
            let publicKey = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific) {
                try ASN1BitString(derEncoded: $0)
            }
            guard parameters == nil || parameters == curve else { throw Secp256k1Failure.invalidEncoding }
            // RFC 5915 §3: "an octet string of length ceiling (log2(n)/8)", 32 bytes; checked by the key.
            let key = try Secp256k1PrivateKey(secretKey: scalar.bytes, context: context)
            if let publicKey {
                guard publicKey.paddingBits == 0,
                      try Secp256k1PublicKey(point: publicKey.bytes, context: context).uncompressedPoint
                          == key.publicKey.uncompressedPoint else {
                    throw Secp256k1Failure.invalidPublicKey
                }
            }
            return key
        }
    }
}
