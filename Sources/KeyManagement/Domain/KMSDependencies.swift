import Foundation

/// Where every `now` and every random byte of the KMS comes from.
///
/// Production passes the system clock and a cryptographically secure generator; tests pass a
/// manual clock and a seeded generator, so key ids, nonces and data keys are reproducible.
public struct KMSDependencies: Sendable {
    /// The wall clock all dates and schedules are computed from.
    public var now: @Sendable () -> Date
    /// Fills a buffer with random bytes (key material, nonces, data keys, ids).
    public var randomBytes: @Sendable (Int) -> [UInt8]
    /// The clock request signatures are checked against: real time even when a test moves `now`
    /// ahead (`arca serve --dev-clock`), because clients sign with their own clocks.
    public var signatureClock: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date, randomBytes: @escaping @Sendable (Int) -> [UInt8],
                signatureClock: (@Sendable () -> Date)? = nil) {
        self.now = now
        self.randomBytes = randomBytes
        self.signatureClock = signatureClock ?? now
    }

    /// A random version-4 UUID in lowercase, as AWS prints key ids and request ids.
    public func uuid() -> String {
        var bytes = randomBytes(16)
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return KeyID.format(uuidBytes: bytes)
    }
}
