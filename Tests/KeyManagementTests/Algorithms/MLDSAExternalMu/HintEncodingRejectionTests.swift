import Testing
@testable import KeyManagement

/// Re-encodings of a valid signature's hint that decode to the same h under a lax decoder, so only the
/// HintBitUnpack rules of FIPS 204 Algorithm 21 stop them (they would otherwise make signatures malleable).
@Suite struct HintEncodingRejectionTests {
    private func fixtureWithRoomInHint(_ parameters: MLDSAParameterSet) throws -> (MLDSAFixture, HintBytes) {
        let fixture = try #require(MLDSAFixtures.set(for: parameters).valid.first { fixture in
            let hint = HintBytes(of: fixture.signature, parameters: parameters)
            return hint.total < parameters.omega && (0..<parameters.k).contains { hint.range(of: $0).count >= 2 }
        })
        return (fixture, HintBytes(of: fixture.signature, parameters: parameters))
    }

    @Test("positions out of order are rejected", arguments: MLDSAParameterSet.allCases)
    func swappedPositionsAreRejected(parameters: MLDSAParameterSet) throws {
        var (fixture, hint) = try fixtureWithRoomInHint(parameters)
        let polynomial = try #require((0..<parameters.k).first { hint.range(of: $0).count >= 2 })
        let first = hint.range(of: polynomial).lowerBound
        hint.positions.swapAt(first, first + 1)
        let tampered = hint.written(into: fixture.signature, parameters: parameters)
        #expect(failure(fixture, signature: tampered, parameters: parameters) == .malformedHint)
    }

    @Test("a repeated position is rejected", arguments: MLDSAParameterSet.allCases)
    func repeatedPositionIsRejected(parameters: MLDSAParameterSet) throws {
        var (fixture, hint) = try fixtureWithRoomInHint(parameters)
        let polynomial = try #require((0..<parameters.k).first { !hint.range(of: $0).isEmpty })
        let first = hint.range(of: polynomial).lowerBound
        hint.positions.insert(hint.positions[first], at: first)
        hint.positions.removeLast()  // a zero from the padding
        for i in polynomial..<parameters.k { hint.counts[i] += 1 }
        let tampered = hint.written(into: fixture.signature, parameters: parameters)
        #expect(failure(fixture, signature: tampered, parameters: parameters) == .malformedHint)
    }

    @Test("non-zero padding is rejected", arguments: MLDSAParameterSet.allCases)
    func nonZeroPaddingIsRejected(parameters: MLDSAParameterSet) throws {
        let (fixture, hint) = try fixtureWithRoomInHint(parameters)
        for index in Set([hint.total, parameters.omega - 1]) {
            var padded = hint
            padded.positions[index] = 1
            let tampered = padded.written(into: fixture.signature, parameters: parameters)
            #expect(failure(fixture, signature: tampered, parameters: parameters) == .malformedHint, "index \(index)")
        }
    }

    @Test("a count above ω is rejected", arguments: MLDSAParameterSet.allCases)
    func countAboveOmegaIsRejected(parameters: MLDSAParameterSet) throws {
        let (fixture, hint) = try fixtureWithRoomInHint(parameters)
        for count in [parameters.omega + 1, 255] {
            var exceeded = hint
            exceeded.counts[parameters.k - 1] = UInt8(count)
            let tampered = exceeded.written(into: fixture.signature, parameters: parameters)
            #expect(failure(fixture, signature: tampered, parameters: parameters) == .malformedHint, "count \(count)")
        }
    }

    @Test("decreasing counts are rejected", arguments: MLDSAParameterSet.allCases)
    func decreasingCountsAreRejected(parameters: MLDSAParameterSet) throws {
        let (fixture, hint) = try fixtureWithRoomInHint(parameters)
        let polynomial = try #require((0..<(parameters.k - 1)).first { hint.counts[$0] > 0 })
        var decreasing = hint
        decreasing.counts[polynomial + 1] = hint.counts[polynomial] - 1
        let tampered = decreasing.written(into: fixture.signature, parameters: parameters)
        #expect(failure(fixture, signature: tampered, parameters: parameters) == .malformedHint)
    }
}
