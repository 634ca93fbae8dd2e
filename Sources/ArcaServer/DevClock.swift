import Foundation
import Synchronization

/// The wall clock of `arca serve --dev-clock`: real time plus an offset that tests move forward
/// through `POST /_arca/clock`, so a rotation due in a year or a deletion due in a week happens
/// without anyone waiting. A test aid: off by default, and never moved backwards.
public final class DevClock: Sendable {
    /// The latest time the clock may show, 9990-01-01T00:00:00Z: dates scheduled ahead of it (a
    /// rotation period of up to 2560 days, a ValidTo up to 365 days) still have four-digit years,
    /// which ISO 8601 timestamps hold, and every epoch-second conversion fits in an `Int64`.
    public static let latest = Date(timeIntervalSince1970: 253_086_768_000)

    private let offset = Mutex<TimeInterval>(0)
    private let base: @Sendable () -> Date

    public init(base: @escaping @Sendable () -> Date = { Date() }) {
        self.base = base
    }

    public func now() -> Date {
        base().addingTimeInterval(offset.withLock { $0 })
    }

    /// Moves the clock `seconds` forward and returns the new time; `nil`, leaving the clock as it
    /// is, when `seconds` is not a finite number of at least 0 or would move it past ``latest``.
    @discardableResult
    public func advance(by seconds: TimeInterval) -> Date? {
        guard seconds.isFinite, seconds >= 0 else { return nil }
        let moved = offset.withLock { offset -> Bool in
            let candidate = base().timeIntervalSince1970 + offset + seconds
            guard candidate.isFinite, candidate <= Self.latest.timeIntervalSince1970 else { return false }
            offset += seconds
            return true
        }
        return moved ? now() : nil
    }
}
