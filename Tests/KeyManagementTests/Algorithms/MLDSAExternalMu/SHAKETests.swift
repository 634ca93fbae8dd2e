import Testing
@testable import KeyManagement

@Suite struct SHAKETests {
    @Test("SHAKE matches hashlib", arguments: shakeVectors.indices)
    func matchesHashlib(index: Int) {
        let vector = shakeVectors[index]
        let input = bytes(hex: vector.input)
        let expected = bytes(hex: vector.output)
        var sponge = vector.bits == 128 ? SHAKE.shake128(absorbing: input) : SHAKE.shake256(absorbing: input)
        #expect(sponge.squeeze(count: expected.count) == expected)
    }

    @Test func squeezingInPiecesMatchesOneSqueeze() {
        for vector in shakeVectors where vector.output.count >= 600 {
            let input = bytes(hex: vector.input)
            let expected = bytes(hex: vector.output)
            for pieceSize in [1, 3, 8, 135, 136, 137, 168, 169] {
                var sponge = vector.bits == 128 ? SHAKE.shake128(absorbing: input) : SHAKE.shake256(absorbing: input)
                var output = [UInt8]()
                while output.count < expected.count {
                    output += sponge.squeeze(count: min(pieceSize, expected.count - output.count))
                }
                #expect(output == expected, "bits \(vector.bits), piece \(pieceSize)")
            }
        }
    }

    @Test func absorbingInPartsMatchesAbsorbingTheConcatenation() {
        for vector in shakeVectors where vector.bits == 256 && vector.input.count > 2 {
            let input = bytes(hex: vector.input)
            let expected = bytes(hex: vector.output)
            for split in Set([0, 1, input.count / 2, input.count - 1, input.count]) {
                let output = SHAKE.shake256(
                    Array(input[..<split]), [], Array(input[split...]), outputCount: expected.count)
                #expect(output == expected, "split at \(split)")
            }
        }
    }

    @Test func vectorsCoverRateBoundaries() {
        let inputLengths = Set(shakeVectors.map { $0.input.count / 2 })
        let outputLengths = Set(shakeVectors.map { $0.output.count / 2 })
        #expect(inputLengths.isSuperset(of: [0, 135, 136, 137, 167, 168, 169, 272]))
        #expect(outputLengths.contains { $0 > 2 * 168 })
    }
}
