import Crypto
import SwiftASN1
import _CryptoExtras

/// An RSA public key taken from a DER SubjectPublicKeyInfo, as an attestation document's
/// `public_key` carries it, with the identifier CMS uses to name it.
struct RecipientPublicKey {
    /// The key, checked to be at least 2048 bits.
    let rsaKey: _RSA.Encryption.PublicKey
    /// RFC 5280 §4.2.1.2, method (1): "The keyIdentifier is composed of the 160-bit SHA-1 hash of
    /// the value of the BIT STRING subjectPublicKey (excluding the tag, length, and number of
    /// unused bits)."
    let subjectKeyIdentifier: [UInt8]

    /// Parses `spkiDER`, rejecting anything but an `rsaEncryption` key of 2048 bits or more.
    ///
    /// RFC 5280 §4.1: `SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier,
    /// subjectPublicKey BIT STRING }`.
    init(subjectPublicKeyInfo spkiDER: [UInt8]) throws(CMSError) {
        let keyBits: ArraySlice<UInt8>
        do {
            keyBits = try Self.rsaSubjectPublicKeyBits(spkiDER)
        } catch {
            throw CMSError(.invalidRecipientKey, "the public key is not a DER RSA SubjectPublicKeyInfo")
        }
        do {
            self.rsaKey = try _RSA.Encryption.PublicKey(derRepresentation: spkiDER)
        } catch {
            throw CMSError(.invalidRecipientKey, "the RSA public key is malformed or shorter than 2048 bits")
        }
        self.subjectKeyIdentifier = Array(Insecure.SHA1.hash(data: keyBits))
    }

    private struct NotRSA: Error {}

    /// The contents of `subjectPublicKey`, after checking the algorithm is `rsaEncryption`.
    private static func rsaSubjectPublicKeyBits(_ spkiDER: [UInt8]) throws -> ArraySlice<UInt8> {
        try DER.sequence(try DER.parse(spkiDER), identifier: .sequence) { nodes in
            let algorithm = try DER.sequence(of: ASN1Any.self, identifier: .sequence, nodes: &nodes)
            guard let first = algorithm.first,
                try ASN1ObjectIdentifier(asn1Any: first) == CMSObjectIdentifiers.rsaEncryption
            else { throw NotRSA() }
            let bits = try ASN1BitString(derEncoded: &nodes)
            guard bits.paddingBits == 0 else { throw NotRSA() }
            return bits.bytes
        }
    }
}
