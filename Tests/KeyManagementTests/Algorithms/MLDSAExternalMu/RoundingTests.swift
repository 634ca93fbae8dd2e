import Testing
@testable import KeyManagement

@Suite struct RoundingTests {
    @Test("Decompose reassembles r with r0 in range", arguments: [MLDSAParameterSet.mlDSA44, .mlDSA65])
    func decomposeReassembles(parameters: MLDSAParameterSet) {
        let gamma2 = parameters.gamma2
        let m = (MLDSAField.q - 1) / (2 * gamma2)
        let samples = Array(0..<5000) + Array((MLDSAField.q - 5000)..<MLDSAField.q)
            + stride(from: 0, to: MLDSAField.q, by: 997).map { $0 }
        for r in samples {
            let (r1, r0) = MLDSARounding.decompose(r, gamma2: gamma2)
            #expect((0..<m).contains(r1))
            #expect(r0 >= -gamma2 && r0 <= gamma2)
            #expect(MLDSAField.reduce(r1 * 2 * gamma2 + r0) == r)
        }
    }

    @Test func decomposeWrapsTheTopIntervalToZero() {
        // r = q − 1: r+ − r0 = q − 1, so r1 = 0 and r0 = −1 (FIPS 204 Algorithm 36 steps 3–5).
        #expect(MLDSARounding.decompose(MLDSAField.q - 1, gamma2: 95_232) == (0, -1))
    }

    @Test func useHintMovesHighBitsTowardsTheLowPartAndWraps() {
        let gamma2 = 95_232  // m = 44
        #expect(MLDSARounding.useHint(false, 5 * 2 * gamma2 + 10, gamma2: gamma2) == 5)
        #expect(MLDSARounding.useHint(true, 5 * 2 * gamma2 + 10, gamma2: gamma2) == 6)
        #expect(MLDSARounding.useHint(true, 5 * 2 * gamma2 - 10, gamma2: gamma2) == 4)
        #expect(MLDSARounding.useHint(true, 5 * 2 * gamma2, gamma2: gamma2) == 4)  // r0 = 0 counts as ≤ 0
        #expect(MLDSARounding.useHint(true, 43 * 2 * gamma2 + 10, gamma2: gamma2) == 0)
        #expect(MLDSARounding.useHint(true, 3, gamma2: gamma2) == 1)
        #expect(MLDSARounding.useHint(true, MLDSAField.q - 1, gamma2: gamma2) == 43)
    }
}
