import Testing
@testable import KeyManagement

/// FIPS 204 Algorithm 21 on hand-made encodings for ML-DSA-44 (ω = 80, k = 4).
@Suite struct HintBitUnpackTests {
    private let parameters = MLDSAParameterSet.mlDSA44

    /// Builds `positions ‖ zero padding to ω ‖ counts`.
    private func encoding(positions: [UInt8], counts: [UInt8]) -> [UInt8] {
        positions + [UInt8](repeating: 0, count: parameters.omega - positions.count) + counts
    }

    private func unpack(_ y: [UInt8]) -> [[Bool]]? {
        MLDSASignature.hintBitUnpack(y, parameters: parameters)
    }

    @Test func allZeroEncodingIsTheEmptyHint() throws {
        let h = try #require(unpack(encoding(positions: [], counts: [0, 0, 0, 0])))
        #expect(h.allSatisfy { $0.allSatisfy { !$0 } })
    }

    @Test func increasingPositionsSetThoseBitsInTheirPolynomial() throws {
        let h = try #require(unpack(encoding(positions: [3, 7, 0, 255], counts: [2, 2, 3, 4])))
        #expect(h[0].indices.filter { h[0][$0] } == [3, 7])
        #expect(h[1].allSatisfy { !$0 })
        #expect(h[2].indices.filter { h[2][$0] } == [0])
        #expect(h[3].indices.filter { h[3][$0] } == [255])
    }

    @Test func samePositionInDifferentPolynomialsIsAllowed() throws {
        let h = try #require(unpack(encoding(positions: [5, 5], counts: [1, 2, 2, 2])))
        #expect(h[0][5] && h[1][5])
    }

    @Test func exactlyOmegaOnesIsAllowed() throws {
        let positions = (0..<80).map { UInt8($0) }
        let h = try #require(unpack(encoding(positions: positions, counts: [80, 80, 80, 80])))
        #expect(h[0].filter { $0 }.count == 80)
    }

    @Test func decreasingPositionsAreRejected() {
        #expect(unpack(encoding(positions: [7, 3], counts: [2, 2, 2, 2])) == nil)
    }

    @Test func repeatedPositionIsRejected() {
        #expect(unpack(encoding(positions: [3, 3], counts: [2, 2, 2, 2])) == nil)
    }

    @Test func decreasingCountsAreRejected() {
        #expect(unpack(encoding(positions: [3, 7], counts: [2, 1, 2, 2])) == nil)
    }

    @Test func countAboveOmegaIsRejected() {
        let positions = (0..<80).map { UInt8($0) }
        #expect(unpack(encoding(positions: positions, counts: [80, 80, 80, 81])) == nil)
        #expect(unpack(encoding(positions: [], counts: [0, 0, 0, 255])) == nil)
    }

    @Test func nonZeroPaddingIsRejected() {
        var y = encoding(positions: [3, 7], counts: [2, 2, 2, 2])
        y[parameters.omega - 1] = 1
        #expect(unpack(y) == nil)
        var z = encoding(positions: [3, 7], counts: [2, 2, 2, 2])
        z[2] = 9  // the byte right after the last used position
        #expect(unpack(z) == nil)
    }

    @Test func wrongLengthIsRejected() {
        let y = encoding(positions: [], counts: [0, 0, 0, 0])
        #expect(unpack(Array(y.dropLast())) == nil)
        #expect(unpack(y + [0]) == nil)
    }
}
