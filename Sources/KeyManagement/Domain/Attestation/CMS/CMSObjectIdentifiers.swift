import SwiftASN1

/// The object identifiers an RSAES-OAEP / AES-256-CBC EnvelopedData uses.
enum CMSObjectIdentifiers {
    /// RFC 5652 §4: `id-data OBJECT IDENTIFIER ::= { iso(1) member-body(2) us(840) rsadsi(113549) pkcs(1) pkcs7(7) 1 }`.
    static let data: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 1]
    /// RFC 5652 §6.1: `id-envelopedData OBJECT IDENTIFIER ::= { ... pkcs(1) pkcs7(7) 3 }`.
    static let envelopedData: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 3]
    /// RFC 4055 §1.2: `rsaEncryption OBJECT IDENTIFIER ::= { pkcs-1 1 }`.
    static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 1]
    /// RFC 4055 §1.2: `id-RSAES-OAEP OBJECT IDENTIFIER ::= { pkcs-1 7 }`.
    static let rsaesOAEP: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 7]
    /// RFC 4055 §2.1: `id-mgf1 OBJECT IDENTIFIER ::= { pkcs-1 8 }`.
    static let mgf1: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 8]
    /// RFC 4055 §2.1: `id-sha256 ... { joint-iso-itu-t(2) country(16) us(840) organization(1) gov(101) csor(3) nistalgorithm(4) hashalgs(2) 1 }`.
    static let sha256: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 1]
    /// RFC 3565 §4.1: `id-aes256-CBC OBJECT IDENTIFIER ::= { aes 42 }`.
    static let aes256CBC: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 42]
}
