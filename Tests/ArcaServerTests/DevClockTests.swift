import Foundation
import Testing
@testable import ArcaServer

/// The test clock moves only forward, by finite amounts, and never past ``DevClock/latest``, so
/// no date Arca derives from it overflows a conversion.
@Suite struct DevClockTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func advancesForwardByFiniteAmounts() {
        let clock = DevClock(base: { Self.start })
        #expect(clock.advance(by: 3600) == Self.start.addingTimeInterval(3600))
        #expect(clock.advance(by: 0) == Self.start.addingTimeInterval(3600))
        for refused in [-1, .infinity, -.infinity, .nan] as [TimeInterval] {
            #expect(clock.advance(by: refused) == nil, "\(refused)")
        }
        #expect(clock.now() == Self.start.addingTimeInterval(3600))
    }

    @Test func refusesToMovePastTheLatestTimeAndStaysWhereItWas() {
        let clock = DevClock(base: { Self.start })
        for huge in [1e19, 1e300, Double.greatestFiniteMagnitude] {
            #expect(clock.advance(by: huge) == nil, "\(huge)")
        }
        #expect(clock.now() == Self.start)
        let toLatest = DevClock.latest.timeIntervalSince(Self.start)
        #expect(clock.advance(by: toLatest) == DevClock.latest)
        #expect(clock.advance(by: 1) == nil)
        #expect(clock.now() == DevClock.latest)
    }
}
