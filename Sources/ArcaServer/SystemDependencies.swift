import Foundation
import KeyManagement

extension KMSDependencies {
    /// The real wall clock and the operating system's CSPRNG, read a block at a time
    /// (``SystemRandomPool``) rather than one system call per eight bytes.
    public static let system: KMSDependencies = {
        let pool = SystemRandomPool()
        return KMSDependencies(now: { Date() }, randomBytes: { pool.bytes($0) })
    }()
}

/// How background services wait between rounds: real time in production. Tests never wait on it:
/// they move the test clock (`POST /_arca/clock` runs due work at once) or call the services'
/// work functions directly.
struct ServicePacing: Sendable {
    var wait: @Sendable (Duration) async -> Void

    static let realTime = ServicePacing { interval in try? await Task.sleep(for: interval) }
}
