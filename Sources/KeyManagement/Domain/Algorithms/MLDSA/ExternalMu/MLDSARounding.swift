/// High/low-bit decomposition and hints (FIPS 204 §7.4).
enum MLDSARounding {
    /// Splits r ∈ [0, q) into (r1, r0) with r ≡ r1·2γ2 + r0 and r0 ∈ (−γ2, γ2]
    /// (FIPS 204 Algorithm 36 `Decompose`).
    static func decompose(_ r: Int, gamma2: Int) -> (high: Int, low: Int) {
        let alpha = 2 * gamma2
        var r0 = r % alpha
        if r0 > gamma2 { r0 -= alpha }
        if r - r0 == MLDSAField.q - 1 {
            return (0, r0 - 1)
        }
        return ((r - r0) / alpha, r0)
    }

    /// Corrects the high bits of r using one hint bit (FIPS 204 Algorithm 40 `UseHint`).
    static func useHint(_ hint: Bool, _ r: Int, gamma2: Int) -> Int {
        let m = (MLDSAField.q - 1) / (2 * gamma2)
        let (r1, r0) = decompose(r, gamma2: gamma2)
        guard hint else { return r1 }
        return r0 > 0 ? (r1 + 1) % m : (r1 - 1 + m) % m
    }
}
