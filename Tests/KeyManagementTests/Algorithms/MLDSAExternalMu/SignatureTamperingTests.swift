import Testing
@testable import KeyManagement

@Suite struct SignatureTamperingTests {
    @Test("a flipped bit in c̃ is rejected", arguments: MLDSAParameterSet.allCases)
    func flippedChallengeBitIsRejected(parameters: MLDSAParameterSet) {
        let fixture = MLDSAFixtures.set(for: parameters).valid[0]
        let layout = SignatureLayout(parameters: parameters)
        for bit in [0, 7, 8 * layout.challenge.count / 2 + 3, 8 * layout.challenge.upperBound - 1] {
            let tampered = fixture.signature.flippingBit(bit)
            #expect(failure(fixture, signature: tampered, parameters: parameters) == .challengeMismatch, "bit \(bit)")
        }
    }

    @Test("a flipped bit in z is rejected", arguments: MLDSAParameterSet.allCases)
    func flippedZBitIsRejected(parameters: MLDSAParameterSet) {
        let fixture = MLDSAFixtures.set(for: parameters).valid[1]
        let z = SignatureLayout(parameters: parameters).z
        for bit in [8 * z.lowerBound, 8 * z.lowerBound + 1, 8 * (z.lowerBound + z.count / 2) + 5, 8 * z.upperBound - 1] {
            let tampered = fixture.signature.flippingBit(bit)
            let reason = failure(fixture, signature: tampered, parameters: parameters)
            #expect(reason == .challengeMismatch || reason == .zOutOfRange, "bit \(bit)")
        }
        // The lowest bit of the first coefficient changes z by one and keeps it in range.
        #expect(failure(fixture, signature: fixture.signature.flippingBit(8 * z.lowerBound),
                        parameters: parameters) == .challengeMismatch)
    }

    @Test("a flipped bit in h is rejected", arguments: MLDSAParameterSet.allCases)
    func flippedHintBitIsRejected(parameters: MLDSAParameterSet) {
        let fixture = MLDSAFixtures.set(for: parameters).valid[2]
        let layout = SignatureLayout(parameters: parameters)
        let hintBits = (8 * layout.hintPositions.lowerBound)..<(8 * parameters.signatureByteCount)
        for bit in stride(from: hintBits.lowerBound, to: hintBits.upperBound, by: 5) {
            let tampered = fixture.signature.flippingBit(bit)
            let reason = failure(fixture, signature: tampered, parameters: parameters)
            #expect(reason == .challengeMismatch || reason == .malformedHint, "bit \(bit)")
        }
    }

    @Test("bit flips sampled across the whole signature are rejected", arguments: MLDSAParameterSet.allCases)
    func sampledBitFlipsAreRejected(parameters: MLDSAParameterSet) {
        let fixture = MLDSAFixtures.set(for: parameters).valid[3]
        for bit in stride(from: 3, to: 8 * parameters.signatureByteCount, by: 211) {
            let tampered = fixture.signature.flippingBit(bit)
            #expect(!MLDSAExternalMuVerifier.isValid(
                signature: tampered, mu: fixture.mu, publicKey: fixture.publicKey, parameters: parameters), "bit \(bit)")
        }
    }

    @Test("moving one hint to another well-formed position is rejected", arguments: MLDSAParameterSet.allCases)
    func movedHintIsRejected(parameters: MLDSAParameterSet) throws {
        let fixture = MLDSAFixtures.set(for: parameters).valid[0]
        var hint = HintBytes(of: fixture.signature, parameters: parameters)
        let polynomial = try #require((0..<parameters.k).last { !hint.range(of: $0).isEmpty })
        let last = hint.range(of: polynomial).upperBound - 1
        let position = hint.positions[last]
        hint.positions[last] = position < 255 ? position + 1 : position - 1
        // position − 1 could collide with the previous entry; then the encoding is malformed instead.
        let reason = failure(fixture, signature: hint.written(into: fixture.signature, parameters: parameters),
                             parameters: parameters)
        #expect(reason == .challengeMismatch || (position == 255 && reason == .malformedHint))
    }

    @Test("dropping one hint is rejected", arguments: MLDSAParameterSet.allCases)
    func droppedHintIsRejected(parameters: MLDSAParameterSet) throws {
        let fixture = MLDSAFixtures.set(for: parameters).valid[0]
        var hint = HintBytes(of: fixture.signature, parameters: parameters)
        let polynomial = try #require((0..<parameters.k).last { !hint.range(of: $0).isEmpty })
        hint.positions[hint.range(of: polynomial).upperBound - 1] = 0
        for i in polynomial..<parameters.k { hint.counts[i] -= 1 }
        let tampered = hint.written(into: fixture.signature, parameters: parameters)
        #expect(failure(fixture, signature: tampered, parameters: parameters) == .challengeMismatch)
    }
}
