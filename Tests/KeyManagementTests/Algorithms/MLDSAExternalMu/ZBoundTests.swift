import Testing
@testable import KeyManagement

/// FIPS 204 Algorithm 8 step 13 requires ‖z‖∞ < γ1 − β.
@Suite struct ZBoundTests {
    @Test("a signature that is valid except max|z| = γ1 − β is rejected", arguments: MLDSAParameterSet.allCases)
    func zExactlyAtBoundIsRejected(parameters: MLDSAParameterSet) {
        let fixture = MLDSAFixtures.set(for: parameters).zAtBound
        #expect(failure(fixture, signature: fixture.signature, parameters: parameters) == .zOutOfRange)
    }

    @Test("a signature that is valid except max|z| > γ1 − β is rejected", arguments: MLDSAParameterSet.allCases)
    func zOverBoundIsRejected(parameters: MLDSAParameterSet) {
        let fixture = MLDSAFixtures.set(for: parameters).zOverBound
        #expect(failure(fixture, signature: fixture.signature, parameters: parameters) == .zOutOfRange)
    }

    @Test("re-encoded z coefficients are checked against the bound", arguments: MLDSAParameterSet.allCases)
    func reEncodedCoefficientsAreBoundChecked(parameters: MLDSAParameterSet) {
        let fixture = MLDSAFixtures.set(for: parameters).valid[0]
        let bound = parameters.gamma1 - parameters.beta
        let cases: [(value: Int, expected: MLDSAVerificationFailure)] = [
            (bound, .zOutOfRange), (-bound, .zOutOfRange),
            (parameters.gamma1, .zOutOfRange), (-parameters.gamma1 + 1, .zOutOfRange),
            (bound - 1, .challengeMismatch), (-(bound - 1), .challengeMismatch),
        ]
        for (polynomial, index) in [(0, 0), (parameters.l - 1, 255)] {
            for (value, expected) in cases {
                let tampered = settingZ(
                    fixture.signature, polynomial: polynomial, index: index, to: value, parameters: parameters)
                #expect(failure(fixture, signature: tampered, parameters: parameters) == expected,
                        "z[\(polynomial)][\(index)] = \(value)")
            }
        }
    }

    @Test("settingZ round-trips an unchanged signature", arguments: MLDSAParameterSet.allCases)
    func settingZHelperIsFaithful(parameters: MLDSAParameterSet) throws {
        // Guards the helper above: decoding and re-writing the first coefficient must change nothing.
        let fixture = MLDSAFixtures.set(for: parameters).valid[0]
        let decoded = try MLDSASignature(encoded: fixture.signature, parameters: parameters)
        let rewritten = settingZ(
            fixture.signature, polynomial: 0, index: 0, to: decoded.z[0][0], parameters: parameters)
        #expect(rewritten == fixture.signature)
    }
}
