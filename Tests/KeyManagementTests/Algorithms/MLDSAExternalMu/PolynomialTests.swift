import Testing
@testable import KeyManagement

@Suite struct PolynomialTests {
    /// The sizes the verifier's parameters imply are the ones FIPS 204 Table 2 lists.
    @Test(arguments: MLDSAParameterSet.allCases)
    func parametersImplyTheEncodedSizes(_ parameters: MLDSAParameterSet) {
        #expect(parameters.derivedPublicKeyByteCount == parameters.publicKeyByteCount)
        #expect(parameters.derivedSignatureByteCount == parameters.signatureByteCount)
    }

    /// A deterministic pseudo-random polynomial with coefficients in [0, q).
    private func polynomial(seed: UInt8) -> Polynomial {
        var sponge = SHAKE.shake128(absorbing: [seed])
        return Polynomial(coefficients: (0..<256).map { _ in
            let b = sponge.squeeze(count: 4)
            return (Int(b[0]) | Int(b[1]) << 8 | Int(b[2]) << 16 | Int(b[3]) << 24) % MLDSAField.q
        })
    }

    /// Multiplication in Z_q[X]/(X^256 + 1) by the definition, independent of the NTT.
    private func schoolbookProduct(_ a: Polynomial, _ b: Polynomial) -> Polynomial {
        var result = [Int](repeating: 0, count: 256)
        for i in 0..<256 {
            for j in 0..<256 {
                let product = a.coefficients[i] * b.coefficients[j] % MLDSAField.q
                if i + j < 256 {
                    result[i + j] = (result[i + j] + product) % MLDSAField.q
                } else {
                    result[i + j - 256] = (result[i + j - 256] - product + MLDSAField.q) % MLDSAField.q
                }
            }
        }
        return Polynomial(coefficients: result)
    }

    @Test func zetaTableStartsWithKnownValues() {
        // FIPS 204 Appendix B lists zetas[1...4] = 4808194, 3765607, 3761513, 5178923.
        #expect(Polynomial.zetas[1...4] == [4_808_194, 3_765_607, 3_761_513, 5_178_923])
    }

    @Test func inverseNTTUndoesNTT() {
        for seed: UInt8 in 0..<4 {
            let a = polynomial(seed: seed)
            #expect(a.ntt().inverseNTT() == a)
        }
    }

    @Test func pointwiseProductInNTTDomainIsNegacyclicMultiplication() {
        for seed: UInt8 in 0..<3 {
            let a = polynomial(seed: seed), b = polynomial(seed: seed + 100)
            #expect(a.ntt().pointwiseProduct(b.ntt()).inverseNTT() == schoolbookProduct(a, b))
        }
    }
}
