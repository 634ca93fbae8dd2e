import AWSWire
import Crypto
import Foundation

/// What a key with imported key material (`Origin` EXTERNAL) remembers about one material.
///
/// "For all KMS keys with `EXTERNAL` origin, the first key material imported into it becomes
/// current and permanently associated with it. Symmetric encryption keys with `EXTERNAL` origin
/// support on-demand rotation. You can associate multiple key materials with imported keys that
/// support on-demand rotation." (AWS KMS Developer Guide, Import the key material.) The
/// fingerprint outlives the material, so only the same material can be reimported after it is
/// deleted or expires.
public struct ImportedKeyMaterial: Sendable, Equatable, Codable {
    /// HMAC-SHA256 of the material under a key derived from the root key, in hex: it identifies
    /// the material without revealing it.
    public var fingerprint: String
    /// The backing key version this material is. A version above the key's current one is
    /// material imported for the next on-demand rotation (`PENDING_ROTATION`).
    public var version: UInt32
    public var expirationModel: ExpirationModelType
    /// When the material expires, for `KEY_MATERIAL_EXPIRES`.
    public var validTo: Date?
    /// False once the material was deleted or expired (`ImportState` PENDING_IMPORT).
    public var present: Bool
    /// `KeyMaterialDescription`: "If you do not specify a key material description, KMS retains the
    /// value you specified when you last imported the same key material" (KMS API reference).
    public var description: String?
    /// True for material imported before imported keys could rotate, whose `KeyMaterialId` was
    /// derived from its backing key version: it keeps the id it was reported with.
    public var hasVersionDerivedID: Bool?

    public init(fingerprint: String, version: UInt32, expirationModel: ExpirationModelType, validTo: Date?,
                present: Bool, description: String? = nil, hasVersionDerivedID: Bool? = nil) {
        self.fingerprint = fingerprint
        self.version = version
        self.expirationModel = expirationModel
        self.validTo = validTo
        self.present = present
        self.description = description
        self.hasVersionDerivedID = hasVersionDerivedID
    }

    /// The fingerprint of `material` under `key`.
    static func fingerprint(of material: [UInt8], key: SymmetricKey) -> String {
        Hex.lowercase(HMAC<SHA256>.authenticationCode(for: material, using: key))
    }

    /// The same material as a copy of a multi-Region key first knows it: by its fingerprint, not
    /// yet imported into that copy.
    var awaitingImport: ImportedKeyMaterial {
        ImportedKeyMaterial(fingerprint: fingerprint, version: version, expirationModel: expirationModel, validTo: nil,
                            present: false)
    }

    /// True while the material is present and set to expire at or before `now`.
    func hasExpired(at now: Date) -> Bool {
        guard present, expirationModel == .keyMaterialExpires, let validTo else { return false }
        return validTo <= now
    }
}
