@testable import ArcaServer
import Testing

/// The pool of OS randomness: the sizes asked for, bytes never served twice (a served slice is
/// zeroed, so serving it again would show as zeros), across refills and for large requests.
@Suite struct SystemRandomPoolTests {
    @Test func servesTheSizesAskedFor() {
        let pool = SystemRandomPool()
        for count in [0, 1, 12, 16, 32, SystemRandomPool.blockSize, SystemRandomPool.blockSize + 1, 100_000] {
            #expect(pool.bytes(count).count == count)
        }
    }

    /// 256 KiB in nonce-sized pieces crosses the block boundary dozens of times, including with
    /// pieces that do not fit the rest of a block. Every byte value should occur about 1,024
    /// times; a pool serving zeroed or repeated bytes fails the bounds by far (a uniform source
    /// falls outside 800…1,250, seven standard deviations, with probability below 10⁻⁹).
    @Test func bytesLookUniformAcrossRefills() {
        let pool = SystemRandomPool()
        var counts = [Int](repeating: 0, count: 256)
        var pieces = Set<[UInt8]>()
        var served = 0
        while served < 256 * 1024 {
            let piece = pool.bytes(12)
            pieces.insert(piece)
            for byte in piece { counts[Int(byte)] += 1 }
            served += piece.count
        }
        #expect(pieces.count == served / 12, "a 12-byte piece was served twice")
        #expect(counts.min()! > 800 && counts.max()! < 1_250, "byte counts \(counts.min()!)…\(counts.max()!)")
    }

    @Test func largeRequestsAreRandomToo() {
        let pool = SystemRandomPool()
        let first = pool.bytes(3 * SystemRandomPool.blockSize)
        let second = pool.bytes(3 * SystemRandomPool.blockSize)
        #expect(first != second)
        #expect(first.filter { $0 == 0 }.count < first.count / 64)
    }
}
