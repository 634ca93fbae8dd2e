import KeyManagement
import Synchronization

/// Makes the `x-amzn-RequestId` of every response: a UUID-shaped id, unique per process.
///
/// A random base comes from the injected randomness once; each request adds a counter to it,
/// so the hot path makes no random call. Request ids are identifiers, not secrets.
final class RequestIDGenerator: Sendable {
    private let base: [UInt8]
    private let counter = Atomic<UInt64>(0)

    init(dependencies: KMSDependencies) {
        base = dependencies.randomBytes(16)
    }

    func next() -> String {
        let count = counter.add(1, ordering: .relaxed).newValue
        var bytes = base
        for shift in 0..<8 {
            bytes[15 - shift] ^= UInt8(truncatingIfNeeded: count >> (UInt64(shift) * 8))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return KeyID(uuidBytes: bytes).rawValue
    }
}
