/// The pseudorandom sampling that verification needs: ExpandA and SampleInBall (FIPS 204 §7.3).
enum MLDSASampling {
    /// Expands the seed ρ into the matrix Â ∈ T_q^{k×ℓ} (FIPS 204 Algorithm 32 `ExpandA`).
    ///
    /// Entry `[r][s]` is `RejNTTPoly(ρ ‖ IntegerToBytes(s, 1) ‖ IntegerToBytes(r, 1))`.
    static func expandA(rho: [UInt8], parameters: MLDSAParameterSet) -> [[Polynomial]] {
        (0..<parameters.k).map { r in
            (0..<parameters.l).map { s in
                rejectionSampledNTTPolynomial(seed: rho + [UInt8(s), UInt8(r)])
            }
        }
    }

    /// Samples an element of T_q uniformly from a 34-byte seed (FIPS 204 Algorithm 30 `RejNTTPoly`).
    static func rejectionSampledNTTPolynomial(seed: [UInt8]) -> Polynomial {
        var g = SHAKE.shake128(absorbing: seed)
        var coefficients = [Int]()
        coefficients.reserveCapacity(MLDSAField.n)
        while coefficients.count < MLDSAField.n {
            let b0 = g.nextByte(), b1 = g.nextByte(), b2 = g.nextByte()
            if let coefficient = coefficientFromThreeBytes(b0, b1, b2) {
                coefficients.append(coefficient)
            }
        }
        return Polynomial(coefficients: coefficients)
    }

    /// Turns three bytes into an element of Z_q, or nil to reject (FIPS 204 Algorithm 14 `CoeffFromThreeBytes`).
    static func coefficientFromThreeBytes(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> Int? {
        let z = Int(b2 & 0x7F) << 16 | Int(b1) << 8 | Int(b0)
        return z < MLDSAField.q ? z : nil
    }

    /// Derives the challenge c with exactly τ coefficients ±1 from c̃ (FIPS 204 Algorithm 29 `SampleInBall`).
    ///
    /// All of c̃ (λ/4 bytes) is absorbed, as in the final FIPS 204 (the draft used only 32 bytes).
    static func sampleInBall(challengeSeed: [UInt8], tau: Int) -> Polynomial {
        var c = [Int](repeating: 0, count: MLDSAField.n)
        var h = SHAKE.shake256(absorbing: challengeSeed)
        var signs: UInt64 = 0
        for (index, byte) in h.squeeze(count: 8).enumerated() {
            signs |= UInt64(byte) << UInt64(8 * index)
        }
        for i in (MLDSAField.n - tau)..<MLDSAField.n {
            var j = Int(h.nextByte())
            while j > i {
                j = Int(h.nextByte())
            }
            c[i] = c[j]
            c[j] = signs & 1 == 0 ? 1 : MLDSAField.q - 1
            signs >>= 1
        }
        return Polynomial(coefficients: c)
    }
}
