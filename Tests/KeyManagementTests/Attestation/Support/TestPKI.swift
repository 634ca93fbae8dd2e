import Crypto
import Foundation
import SwiftASN1
import X509
@testable import KeyManagement

/// A throwaway Nitro-shaped PKI: a P-384 root, one intermediate and a leaf, made per test run.
struct TestPKI {
    let rootKey = P384.Signing.PrivateKey()
    let intermediateKey = P384.Signing.PrivateKey()
    let leafKey = P384.Signing.PrivateKey()
    let root: Certificate
    let intermediate: Certificate
    let leaf: Certificate

    /// All certificates are valid from here…
    static let notBefore = Date(timeIntervalSince1970: 1_750_000_000)
    /// …to here, unless a test shortens the leaf.
    static let notAfter = notBefore.addingTimeInterval(30 * 86_400)
    /// A time inside every default validity window.
    static let now = notBefore.addingTimeInterval(86_400)

    init(leafNotAfter: Date = TestPKI.notAfter) throws {
        let rootName = try DistinguishedName { CommonName("Arca Test Root") }
        let intermediateName = try DistinguishedName { CommonName("Arca Test Intermediate") }
        root = try Self.caCertificate(subject: rootName, key: rootKey, issuer: rootName, issuerKey: rootKey)
        intermediate = try Self.caCertificate(
            subject: intermediateName, key: intermediateKey, issuer: rootName, issuerKey: rootKey)
        leaf = try Self.leafCertificate(
            key: leafKey.publicKey, issuer: intermediateName, issuerKey: intermediateKey, notAfter: leafNotAfter)
    }

    var rootDER: [UInt8] { get throws { try Self.der(root) } }
    var anchor: NitroTrustAnchor { get throws { try NitroTrustAnchor(derEncoded: try rootDER) } }
    /// `cabundle` as AWS orders it: root first.
    var caBundleDER: [[UInt8]] { get throws { [try Self.der(root), try Self.der(intermediate)] } }

    static func caCertificate(
        subject: DistinguishedName, key: P384.Signing.PrivateKey,
        issuer: DistinguishedName, issuerKey: P384.Signing.PrivateKey
    ) throws -> Certificate {
        try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: issuer, subject: subject, signatureAlgorithm: .ecdsaWithSHA384,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: Certificate.PrivateKey(issuerKey)
        )
    }

    static func leafCertificate(
        key: Certificate.PublicKey, issuer: DistinguishedName,
        issuerKey: P384.Signing.PrivateKey, notAfter: Date = notAfter
    ) throws -> Certificate {
        try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(),
            publicKey: key,
            notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: issuer, subject: try DistinguishedName { CommonName("i-0123456789abcdef0-enc0123456789abcdef") },
            signatureAlgorithm: .ecdsaWithSHA384,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
            },
            issuerPrivateKey: Certificate.PrivateKey(issuerKey)
        )
    }

    static func leafCertificate(
        key: P384.Signing.PublicKey, issuer: DistinguishedName,
        issuerKey: P384.Signing.PrivateKey, notAfter: Date = notAfter
    ) throws -> Certificate {
        try leafCertificate(key: Certificate.PublicKey(key), issuer: issuer, issuerKey: issuerKey, notAfter: notAfter)
    }

    static func der(_ certificate: Certificate) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }
}
