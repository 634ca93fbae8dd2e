import Foundation
import Testing
@testable import KeyManagement

/// SplitMix64, so the mutations are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Parsing mutated documents")
struct MutationTests {
    /// Every mutation of a well-formed document either parses or throws a typed error; none traps.
    @Test func mutatedDocumentsNeverTrap() throws {
        let pki = try TestPKI()
        let original = try TestDocument(pki: pki).signed(with: pki.leafKey)
        var random = SplitMix64(state: 0xA7CA)
        var rejected = 0
        for _ in 0..<3_000 {
            var bytes = original
            switch random.next() % 3 {
            case 0: bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
            case 1: bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count))))
            default: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: Int(random.next() % UInt64(bytes.count)))
            }
            do {
                _ = try NitroAttestationDocument(decoding: bytes)
            } catch {
                rejected += 1
            }
        }
        #expect(rejected > 1_000)
    }
}
