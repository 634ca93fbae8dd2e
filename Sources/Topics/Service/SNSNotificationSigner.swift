import AWSWire
import Crypto
import NotificationSigning

/// The signer of every notification: Arca's signing key, its certificate served at
/// `http://<host>/SimpleNotificationService-<id>.pem` as AWS serves its own
/// (`https://sns.<region>.amazonaws.com/SimpleNotificationService-<id>.pem`).
public struct SNSNotificationSigner: NotificationSigner {
    public let key: NotificationSigningKey
    /// The certificate's name in its URL: the first 32 hex digits of its SHA-256.
    public let certificateID: String

    public init(key: NotificationSigningKey) {
        self.key = key
        certificateID = String(Hex.lowercase(SHA256.hash(data: Array(key.certificatePEM.utf8))).prefix(32))
    }

    /// The path the certificate is served at.
    public var certificatePath: String { "/SimpleNotificationService-\(certificateID).pem" }

    public func signature(type: String, fields: [String: String], version: String) throws -> String {
        var signed = fields
        signed["Type"] = type
        guard let version = SNSSignatureVersion(rawValue: version) else {
            throw NotificationSigningError(code: .unknownMessageType, message: "no SignatureVersion \(version)")
        }
        return try key.sign(try SNSStringToSign(fields: signed), version: version)
    }

    public func certificateURL(base: String) -> String {
        base + certificatePath
    }
}
