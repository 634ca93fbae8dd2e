import AccessPolicy
import Foundation
import Synchronization

/// `aws:CurrentTime` in ISO 8601, formatted once per second rather than once per request.
final class CurrentTimeText: Sendable {
    private let cached = Mutex<(second: Int64, text: String)>((.min, ""))

    func text(forEpochSecond second: Int64) -> String {
        if let hit = cached.withLock({ $0.second == second ? $0.text : nil }) { return hit }
        let text = PolicyTimestamp.iso8601(epochSeconds: second)
        cached.withLock { $0 = (second, text) }
        return text
    }

    /// Whole seconds since 1970 of `date`, clamped to what `Int64` holds, so that no clock reading
    /// can trap the conversion (a test clock is the only way to get that far).
    static func epochSecond(of date: Date) -> Int64 {
        let seconds = date.timeIntervalSince1970.rounded(.towardZero)
        if seconds.isNaN { return 0 }
        return Int64(exactly: seconds) ?? (seconds > 0 ? .max : .min)
    }
}
