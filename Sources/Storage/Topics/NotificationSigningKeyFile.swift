import AWSWire
import AuditTrail
import Crypto
import Foundation
import NotificationSigning

/// The key SNS signs notifications with, in `<data-dir>/sns-signing-key.json`: the self-signed
/// certificate in clear (what `SigningCertURL` serves) and the RSA private key wrapped under the
/// root key (AES-256-GCM, bound to the certificate's fingerprint).
///
/// Generated once and kept, so a certificate an endpoint cached stays valid across restarts.
public enum NotificationSigningKeyFile {
    public static let name = "sns-signing-key.json"

    struct Contents: Codable {
        var format = 1
        var certificatePEM: String
        var wrappedPrivateKey: Data
    }

    /// The key from the file at `path`, or a new one written there.
    public static func loadOrCreate(at path: String, rootKey: RootKey, randomBytes: (Int) -> [UInt8],
                                    now: Date) throws -> NotificationSigningKey {
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path),
                  let contents = try? JSONDecoder().decode(Contents.self, from: data) else {
                throw RootKeyError("\(path) is not an SNS signing key file")
            }
            let secret = try rootKey.unwrap(contents.wrappedPrivateKey, binding: binding(contents.certificatePEM))
            return try secret.withUnsafeBytes { try NotificationSigningKey(privateKeyDER: Array($0), certificatePEM: contents.certificatePEM) }
        }
        // "SimpleNotificationService": the name of AWS's signing certificates.
        let key = try NotificationSigningKey.generate(commonName: "sns.amazonaws.com", now: now, validFor: 10 * 365 * 86_400,
                                                      randomBytes: randomBytes)
        let wrapped = try rootKey.wrap(key.privateKeyDER, binding: binding(key.certificatePEM), nonce: randomBytes(12))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AuditLogFiles.writeDurably(try encoder.encode(Contents(certificatePEM: key.certificatePEM, wrappedPrivateKey: wrapped)),
                                       to: path)
        return key
    }

    /// What the wrapped private key is bound to: its certificate.
    static func binding(_ certificatePEM: String) -> String {
        "sns-signing-key:" + Hex.lowercase(SHA256.hash(data: Array(certificatePEM.utf8)))
    }
}
