import Crypto
import Foundation
import KeyManagement

extension KMSDependencies {
    /// The real wall clock and a cryptographically secure generator.
    ///
    /// Random bytes come from BoringSSL's CSPRNG (through swift-crypto's key generation), seeded by
    /// the operating system: one call per request rather than one system call per eight bytes.
    public static let system = KMSDependencies(
        now: { Date() },
        randomBytes: { count in
            guard count > 0 else { return [] }
            return SymmetricKey(size: SymmetricKeySize(bitCount: count * 8)).withUnsafeBytes { Array($0) }
        }
    )
}

/// How background services wait between rounds: real time in production. Tests never wait on it:
/// they move the test clock (`POST /_arca/clock` runs due work at once) or call the services'
/// work functions directly.
struct ServicePacing: Sendable {
    var wait: @Sendable (Duration) async -> Void

    static let realTime = ServicePacing { interval in try? await Task.sleep(for: interval) }
}
