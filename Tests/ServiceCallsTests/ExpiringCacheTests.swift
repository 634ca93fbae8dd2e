import Foundation
import ServiceCalls
import Testing

/// Values expire at their moment; sweeps keep a cache of live entries from growing with the dead
/// ones and happen only once it has doubled.
@Suite struct ExpiringCacheTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aValueHoldsUntilItsMoment() {
        let cache = ExpiringCache<String, Int>()
        cache.insert(1, for: "a", until: start.addingTimeInterval(300), now: start)
        #expect(cache.value(for: "a", at: start.addingTimeInterval(299)) == 1)
        #expect(cache.value(for: "a", at: start.addingTimeInterval(300)) == nil)
        #expect(cache.value(for: "b", at: start) == nil)
    }

    @Test func expiredEntriesAreSweptAndLiveOnesKept() {
        let cache = ExpiringCache<Int, Int>()
        let threshold = ExpiringCache<Int, Int>.sweepThreshold
        for key in 0..<threshold { cache.insert(key, for: key, until: start.addingTimeInterval(1), now: start) }
        // Past their moment, the next insertion sweeps them.
        cache.insert(-1, for: -1, until: start.addingTimeInterval(100), now: start.addingTimeInterval(2))
        #expect(cache.count == 1)
        // Live entries are never swept: the cache grows past the threshold without sweeping each time.
        for key in 0..<(3 * threshold) { cache.insert(key, for: key, until: start.addingTimeInterval(100), now: start.addingTimeInterval(2)) }
        #expect(cache.count == 3 * threshold + 1)
        #expect(cache.value(for: 5, at: start.addingTimeInterval(50)) == 5)
    }
}
