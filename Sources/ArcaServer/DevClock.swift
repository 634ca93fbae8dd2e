import Foundation
import Synchronization

/// The wall clock of `arca serve --dev-clock`: real time plus an offset that tests move forward
/// through `POST /_arca/clock`, so a rotation due in a year or a deletion due in a week happens
/// without anyone waiting. A test aid: off by default, and never moved backwards.
public final class DevClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)
    private let base: @Sendable () -> Date

    public init(base: @escaping @Sendable () -> Date = { Date() }) {
        self.base = base
    }

    public func now() -> Date {
        base().addingTimeInterval(offset.withLock { $0 })
    }

    /// Moves the clock `seconds` forward and returns the new time.
    @discardableResult
    public func advance(by seconds: TimeInterval) -> Date {
        offset.withLock { $0 += seconds }
        return now()
    }
}
