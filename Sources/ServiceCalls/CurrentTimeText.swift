import AccessPolicy
import Synchronization

/// `aws:CurrentTime` in ISO 8601, formatted once per second rather than once per request.
public final class CurrentTimeText: Sendable {
    public init() {}

    private let cached = Mutex<(second: Int64, text: String)>((.min, ""))

    public func text(forEpochSecond second: Int64) -> String {
        if let hit = cached.withLock({ $0.second == second ? $0.text : nil }) { return hit }
        let text = PolicyTimestamp.iso8601(epochSeconds: second)
        cached.withLock { $0 = (second, text) }
        return text
    }
}
