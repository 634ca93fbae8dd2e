import AWSWire
import Crypto
import Foundation

/// What a key with imported key material (`Origin` EXTERNAL) remembers about it.
///
/// "When you import key material into a CMK, the CMK is permanently associated with that key
/// material. You cannot import different key material into that CMK" (kms-developer-guide.md,
/// Considerations for Imported Key Material): the fingerprint outlives the material, so only the
/// same material can be reimported after it is deleted or expires.
public struct ImportedKeyMaterial: Sendable, Equatable, Codable {
    /// HMAC-SHA256 of the material under a key derived from the root key, in hex: it identifies
    /// the material without revealing it.
    public var fingerprint: String
    public var expirationModel: ExpirationModelType
    /// When the material expires, for `KEY_MATERIAL_EXPIRES`.
    public var validTo: Date?
    /// False once the material was deleted or expired: the key is then PendingImport.
    public var present: Bool

    public init(fingerprint: String, expirationModel: ExpirationModelType, validTo: Date?, present: Bool) {
        self.fingerprint = fingerprint
        self.expirationModel = expirationModel
        self.validTo = validTo
        self.present = present
    }

    /// The fingerprint of `material` under `key`.
    static func fingerprint(of material: [UInt8], key: SymmetricKey) -> String {
        Hex.lowercase(HMAC<SHA256>.authenticationCode(for: material, using: key))
    }
}
