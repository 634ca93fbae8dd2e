import Foundation
import KeyManagement

extension KMSDependencies {
    /// The real wall clock and the operating system's cryptographically secure generator.
    public static let system = KMSDependencies(
        now: { Date() },
        randomBytes: { count in
            var generator = SystemRandomNumberGenerator()
            return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        }
    )
}
