/// Constants and arithmetic of Z_q, the ring R_q = Z_q[X]/(X^256 + 1) and its NTT (FIPS 204 §2.3, §7.5).
enum MLDSAField {
    /// The modulus q = 2^23 − 2^13 + 1.
    static let q = 8_380_417
    /// The degree n of the polynomials.
    static let n = 256
    /// d, the bits dropped from t (FIPS 204 Table 1).
    static let d = 13
    /// Bits per t1 coefficient: bitlen(q − 1) − d.
    static let t1BitWidth = 10

    /// Reduces any integer to its representative in [0, q).
    static func reduce(_ value: Int) -> Int {
        let r = value % q
        return r < 0 ? r + q : r
    }
}

/// An element of R_q (or of T_q when in NTT form), with every coefficient kept in [0, q).
struct Polynomial: Sendable, Equatable {
    var coefficients: [Int]

    static let zero = Polynomial(coefficients: [Int](repeating: 0, count: MLDSAField.n))

    /// Builds a polynomial from arbitrary integers, reducing each modulo q.
    init(reducing values: [Int]) {
        coefficients = values.map(MLDSAField.reduce)
    }

    /// Builds a polynomial from values that the caller guarantees are already in [0, q).
    init(coefficients: [Int]) {
        self.coefficients = coefficients
    }

    static func + (lhs: Polynomial, rhs: Polynomial) -> Polynomial {
        Polynomial(coefficients: zip(lhs.coefficients, rhs.coefficients).map { ($0 + $1) % MLDSAField.q })
    }

    static func - (lhs: Polynomial, rhs: Polynomial) -> Polynomial {
        Polynomial(coefficients: zip(lhs.coefficients, rhs.coefficients).map {
            ($0 - $1 + MLDSAField.q) % MLDSAField.q
        })
    }

    /// Coefficient-wise product, which is multiplication in T_q (FIPS 204 Algorithm 45 `MultiplyNTT`).
    func pointwiseProduct(_ other: Polynomial) -> Polynomial {
        Polynomial(coefficients: zip(coefficients, other.coefficients).map { ($0 * $1) % MLDSAField.q })
    }
}

extension Polynomial {
    /// ζ^BitRev8(m) mod q for m in 0..<256, with ζ = 1753 a primitive 512th root of unity (FIPS 204 Appendix B).
    static let zetas: [Int] = {
        var powers = [Int](repeating: 1, count: MLDSAField.n)
        for i in 1..<MLDSAField.n {
            powers[i] = powers[i - 1] * 1753 % MLDSAField.q
        }
        return (0..<MLDSAField.n).map { m in powers[bitReversed8(m)] }
    }()

    /// 256^−1 mod q, the scaling factor of the inverse NTT (FIPS 204 Algorithm 42 step 21).
    private static let inverseOf256 = 8_347_681

    /// The number-theoretic transform R_q → T_q (FIPS 204 Algorithm 41 `NTT`).
    func ntt() -> Polynomial {
        var w = coefficients
        var m = 0
        var length = 128
        while length >= 1 {
            var start = 0
            while start < MLDSAField.n {
                m += 1
                let zeta = Self.zetas[m]
                for j in start..<(start + length) {
                    let t = zeta * w[j + length] % MLDSAField.q
                    w[j + length] = (w[j] - t + MLDSAField.q) % MLDSAField.q
                    w[j] = (w[j] + t) % MLDSAField.q
                }
                start += 2 * length
            }
            length /= 2
        }
        return Polynomial(coefficients: w)
    }

    /// The inverse transform T_q → R_q (FIPS 204 Algorithm 42 `NTT^−1`).
    func inverseNTT() -> Polynomial {
        var w = coefficients
        var m = MLDSAField.n
        var length = 1
        while length < MLDSAField.n {
            var start = 0
            while start < MLDSAField.n {
                m -= 1
                let zeta = MLDSAField.q - Self.zetas[m]
                for j in start..<(start + length) {
                    let t = w[j]
                    w[j] = (t + w[j + length]) % MLDSAField.q
                    let difference = (t - w[j + length] + MLDSAField.q) % MLDSAField.q
                    w[j + length] = zeta * difference % MLDSAField.q
                }
                start += 2 * length
            }
            length *= 2
        }
        return Polynomial(coefficients: w.map { $0 * Self.inverseOf256 % MLDSAField.q })
    }

    private static func bitReversed8(_ value: Int) -> Int {
        var result = 0
        for bit in 0..<8 where value & (1 << bit) != 0 {
            result |= 1 << (7 - bit)
        }
        return result
    }
}
