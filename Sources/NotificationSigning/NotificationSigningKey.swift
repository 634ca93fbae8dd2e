import _CryptoExtras
import Crypto
import Foundation
import X509

/// The RSA key Arca signs SNS messages with, and the self-signed X.509 certificate that carries its
/// public key: the document a message's `SigningCertURL` serves.
///
/// Signatures are RSA with PKCS#1 v1.5 padding over the SHA-1 (``SNSSignatureVersion/v1``) or
/// SHA-256 (``SNSSignatureVersion/v2``) hash of the string to sign, as `openssl dgst -sha1|-sha256
/// -verify` and the AWS SDKs' verifiers check them.
///
/// - Important: ``privateKeyDER`` is the secret: wrap it under the root key before storing it, and
///   never log it. `description` and `dump` show only the certificate's subject.
public struct NotificationSigningKey: Sendable {
    /// The size of a generated key, the smallest swift-crypto accepts.
    public static let keySizeInBits = 2048

    private let privateKey: _RSA.Signing.PrivateKey
    private let certificate: Certificate

    /// The certificate, PEM-encoded (`-----BEGIN CERTIFICATE-----`).
    public let certificatePEM: String

    /// The private key, DER-encoded PKCS#8 `PrivateKeyInfo`.
    public var privateKeyDER: [UInt8] { Array(privateKey.pkcs8DERRepresentation) }

    /// The end of the certificate's validity: make a new key before it.
    public var notValidAfter: Date { certificate.notValidAfter }

    private init(privateKey: _RSA.Signing.PrivateKey, certificate: Certificate, certificatePEM: String) {
        self.privateKey = privateKey
        self.certificate = certificate
        self.certificatePEM = certificatePEM
    }

    /// Makes a new 2048-bit key and a certificate for it, issued by and to `commonName`, valid from
    /// `now` for `validFor` seconds.
    ///
    /// The certificate is X.509 v3, signed sha256WithRSAEncryption, with a 20-byte positive serial
    /// number from `randomBytes`, and marks the key as an end entity's, for digital signatures only.
    ///
    /// - Important: the RSA key itself comes from BoringSSL's generator, not from `randomBytes`:
    ///   swift-crypto's `_RSA.Signing.PrivateKey(keySize:)` takes no source of randomness.
    public static func generate(
        commonName: String, now: Date, validFor: TimeInterval, randomBytes: (Int) -> [UInt8]
    ) throws(NotificationSigningError) -> NotificationSigningKey {
        let serial = randomBytes(20)
        guard serial.count == 20 else {
            throw NotificationSigningError(.cryptographicFailure, "randomBytes gave \(serial.count) bytes for a 20-byte serial number")
        }
        do {
            let privateKey = try _RSA.Signing.PrivateKey(keySize: .init(bitCount: keySizeInBits))
            let issuerKey = Certificate.PrivateKey(privateKey)
            let name = try DistinguishedName { CommonName(commonName) }
            let certificate = try Certificate(
                version: .v3,
                serialNumber: serialNumber(serial),
                publicKey: issuerKey.publicKey,
                notValidBefore: now,
                notValidAfter: now.addingTimeInterval(validFor),
                issuer: name,
                subject: name,
                signatureAlgorithm: .sha256WithRSAEncryption,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true))
                    SubjectKeyIdentifier(hash: issuerKey.publicKey)
                },
                issuerPrivateKey: issuerKey
            )
            return NotificationSigningKey(privateKey: privateKey, certificate: certificate,
                                          certificatePEM: try certificate.serializeAsPEM().pemString)
        } catch {
            throw NotificationSigningError(.cryptographicFailure, "cannot generate a signing key and certificate")
        }
    }

    /// Loads a stored key: ``privateKeyDER`` (PKCS#8, or PKCS#1 `RSAPrivateKey`) and
    /// ``certificatePEM``, refused unless the certificate carries this key's public key.
    public init(privateKeyDER: [UInt8], certificatePEM: String) throws(NotificationSigningError) {
        let privateKey: _RSA.Signing.PrivateKey
        let certificate: Certificate
        do {
            privateKey = try _RSA.Signing.PrivateKey(derRepresentation: privateKeyDER)
        } catch {
            throw NotificationSigningError(.invalidKey, "the stored private key is not an RSA key of at least 2048 bits")
        }
        do {
            certificate = try Certificate(pemEncoded: certificatePEM)
        } catch {
            throw NotificationSigningError(.invalidKey, "the stored certificate is not a PEM X.509 certificate")
        }
        guard certificate.publicKey == Certificate.PublicKey(privateKey.publicKey) else {
            throw NotificationSigningError(.invalidKey, "the stored certificate is not for the stored private key")
        }
        self.init(privateKey: privateKey, certificate: certificate, certificatePEM: certificatePEM)
    }

    /// The message's `Signature`: base64 of the RSA PKCS#1 v1.5 signature of `stringToSign`'s UTF-8
    /// bytes, hashed as `version` says.
    public func sign(_ stringToSign: SNSStringToSign, version: SNSSignatureVersion) throws(NotificationSigningError) -> String {
        let bytes = Array(stringToSign.text.utf8)
        do {
            let signature = switch version {
            case .v1: try privateKey.signature(for: Insecure.SHA1.hash(data: bytes), padding: .insecurePKCS1v1_5)
            case .v2: try privateKey.signature(for: SHA256.hash(data: bytes), padding: .insecurePKCS1v1_5)
            }
            return signature.rawRepresentation.base64EncodedString()
        } catch {
            throw NotificationSigningError(.cryptographicFailure, "cannot sign with the notification signing key")
        }
    }

    /// A positive serial of exactly 20 bytes, RFC 5280's maximum: the top bit cleared so the DER
    /// INTEGER needs no leading zero, the next one set so it has no leading zero byte to drop.
    static func serialNumber(_ random: [UInt8]) -> Certificate.SerialNumber {
        var bytes = random
        bytes[0] = bytes[0] & 0x7F | 0x40
        return Certificate.SerialNumber(bytes: bytes)
    }
}

extension NotificationSigningKey: CustomStringConvertible, CustomReflectable {
    public var description: String { "NotificationSigningKey(\(certificate.subject))" }

    /// Keeps the private key out of `dump` and debugger summaries.
    public var customMirror: Mirror { Mirror(self, children: ["subject": "\(certificate.subject)"]) }
}
