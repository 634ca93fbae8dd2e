import Crypto
import Foundation

/// A public key that signs (or signed) digests, with the time it was in use, as
/// `ListPublicKeys` describes one: "the public key … ValidityStartTime … ValidityEndTime …
/// Fingerprint".
public struct AuditPublicKey: Sendable, Equatable {
    /// The SubjectPublicKeyInfo DER.
    public var der: Data
    public var validFrom: Date
    /// When another key took over; nil for the key in use.
    public var validUntil: Date?

    public init(der: Data, validFrom: Date, validUntil: Date? = nil) {
        self.der = der
        self.validFrom = validFrom
        self.validUntil = validUntil
    }

    /// Hex SHA-256 of the DER: the `digestPublicKeyFingerprint` of the digests it signed.
    public var fingerprint: String { Self.fingerprint(of: der) }

    public static func fingerprint(of der: Data) -> String {
        AuditDigests.hex(SHA256.hash(data: der))
    }

    /// The key, or nil if the DER is not a P-256 public key.
    public var key: P256.Signing.PublicKey? { try? P256.Signing.PublicKey(derRepresentation: der) }

    /// Whether the key was in use at some time in `start...end` (either end open).
    public func overlaps(start: Date?, end: Date?) -> Bool {
        if let end, validFrom > end { return false }
        if let start, let validUntil, validUntil <= start { return false }
        return true
    }
}
