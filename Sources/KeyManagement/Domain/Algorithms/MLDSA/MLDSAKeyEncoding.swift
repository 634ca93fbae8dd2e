import Foundation

/// The DER forms of ML_DSA_44, ML_DSA_65 and ML_DSA_87 keys: PKCS #8 private keys holding the
/// 32-byte seed, and SubjectPublicKeyInfo public keys, as draft-ietf-lamps-dilithium-certificates-13
/// ("Algorithm Identifiers for ML-DSA") defines them.
///
/// Every field has a fixed length (a 32-byte seed, a 1312-, 1952- or 2592-byte public key), so
/// each form is a fixed prefix followed by the seed or the key. DER has one encoding per value, so
/// comparing the prefix and the length is parsing, and the seed is written straight into the output.
///
/// Only the seed form of the private key is read. The draft's `ML-DSA-PrivateKey` is a CHOICE of
/// `seed [0]`, `expandedKey` and `both`; BoringSSL builds a key from a seed only, and cannot
/// give the expanded key that §8.2 says to compare a `both` key's seed against, so the other two
/// forms are refused rather than half-checked. So are the pre-CHOICE drafts' bare
/// `OCTET STRING` seed (`04 20`, no `[0]` tag) and `OneAsymmetricKey` attributes or public keys.
enum MLDSAKeyEncoding {
    /// ξ, the input of ML-DSA.KeyGen_internal (FIPS 204 Algorithm 6).
    static let seedByteCount = 32

    /// `AlgorithmIdentifier { id-ml-dsa-44, -65 or -87 }`, 13 bytes: "the parameters component
    /// … MUST be absent" (draft §2).
    static func algorithmIdentifier(_ parameters: MLDSAParameterSet) -> [UInt8] {
        [0x30, 0x0B] + KeyAlgorithmIdentifier.mlDSA(parameters)
    }

    /// The 22-byte PKCS #8 encoding (RFC 5958 `OneAsymmetricKey`, draft §6) up to the seed:
    ///
    ///     30 34                 OneAsymmetricKey SEQUENCE, 52 bytes
    ///       02 01 00              version v1 (0)
    ///       30 0B …               AlgorithmIdentifier (above)
    ///       04 22                 privateKey OCTET STRING, 34 bytes, holding
    ///         80 20                 ML-DSA-PrivateKey, CHOICE seed: [0] IMPLICIT OCTET STRING, 32 bytes
    ///
    /// "The seed format is a fixed 32 byte OCTET STRING (34 bytes total with the 0x8020 tag and
    /// length) for all security levels" (draft §6); appendix C.1.2.1 prints the ML-DSA-65 example.
    static func pkcs8Prefix(_ parameters: MLDSAParameterSet) -> [UInt8] {
        [0x30, 0x34, 0x02, 0x01, 0x00] + algorithmIdentifier(parameters) + [0x04, 0x22, 0x80, 0x20]
    }

    /// The SubjectPublicKeyInfo (RFC 5280 §4.1) up to the public key: "the subjectPublicKey BIT
    /// STRING contains this raw byte string encoding of the public key" (draft §4):
    ///
    ///     30 82 05 32 | 07 B2 | 0A 32     SEQUENCE, 1330 | 1970 | 2610 bytes
    ///       30 0B …                         AlgorithmIdentifier (above)
    ///       03 82 05 21 | 07 A1 | 0A 21 00  subjectPublicKey BIT STRING, 1313 | 1953 | 2593 bytes,
    ///                                       no unused bits
    static func subjectPublicKeyInfoPrefix(_ parameters: MLDSAParameterSet) -> [UInt8] {
        let algorithm = algorithmIdentifier(parameters)
        let bitStringHeader = [0x03] + twoByteLength(1 + parameters.publicKeyByteCount) + [0x00]
        return [0x30] + twoByteLength(algorithm.count + bitStringHeader.count + parameters.publicKeyByteCount)
            + algorithm + bitStringHeader
    }

    /// The seed form of a private key: the prefix, then the seed.
    static func pkcs8(seed: some Collection<UInt8>, _ parameters: MLDSAParameterSet) -> Data {
        let prefix = pkcs8Prefix(parameters)
        // Exactly the final capacity, so the buffer holding the seed is never reallocated.
        var der = Data(capacity: prefix.count + seedByteCount)
        der.append(contentsOf: prefix)
        der.append(contentsOf: seed)
        return der
    }

    /// The seed of a PKCS #8 key in the seed form; nil for anything else.
    static func seed(pkcs8 der: [UInt8], _ parameters: MLDSAParameterSet) -> ArraySlice<UInt8>? {
        let prefix = pkcs8Prefix(parameters)
        guard der.count == prefix.count + seedByteCount, der.starts(with: prefix) else { return nil }
        return der[prefix.count...]
    }

    static func subjectPublicKeyInfo(_ rawPublicKey: [UInt8], _ parameters: MLDSAParameterSet) -> Data {
        Data(subjectPublicKeyInfoPrefix(parameters) + rawPublicKey)
    }

    /// The raw public key (pkEncode, FIPS 204 Algorithm 22) a SubjectPublicKeyInfo holds; nil for
    /// anything else.
    static func publicKey(subjectPublicKeyInfo der: [UInt8], _ parameters: MLDSAParameterSet) -> ArraySlice<UInt8>? {
        let prefix = subjectPublicKeyInfoPrefix(parameters)
        guard der.count == prefix.count + parameters.publicKeyByteCount, der.starts(with: prefix) else { return nil }
        return der[prefix.count...]
    }

    /// The DER long form of a length of 256 to 65535 (X.690 §8.1.3.5): `82`, then two bytes.
    private static func twoByteLength(_ length: Int) -> [UInt8] {
        [0x82, UInt8(length >> 8), UInt8(length & 0xFF)]
    }
}
