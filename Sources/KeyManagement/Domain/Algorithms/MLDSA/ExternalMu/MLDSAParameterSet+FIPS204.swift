/// The values of FIPS 204 §4, Table 1 that verification computes with.
extension MLDSAParameterSet {
    /// Rows of the matrix A (the length of t1, w and h).
    var k: Int {
        switch self {
        case .mlDSA44: 4
        case .mlDSA65: 6
        case .mlDSA87: 8
        }
    }

    /// Columns of the matrix A (the length of z).
    var l: Int {
        switch self {
        case .mlDSA44: 4
        case .mlDSA65: 5
        case .mlDSA87: 7
        }
    }

    /// τ, the number of ±1 coefficients in the challenge polynomial c.
    var tau: Int {
        switch self {
        case .mlDSA44: 39
        case .mlDSA65: 49
        case .mlDSA87: 60
        }
    }

    /// λ, the collision strength of c̃ in bits.
    var lambda: Int {
        switch self {
        case .mlDSA44: 128
        case .mlDSA65: 192
        case .mlDSA87: 256
        }
    }

    /// γ1, the coefficient range of the masking vector y.
    var gamma1: Int {
        switch self {
        case .mlDSA44: 1 << 17
        case .mlDSA65, .mlDSA87: 1 << 19
        }
    }

    /// γ2, the low-order rounding range.
    var gamma2: Int {
        switch self {
        case .mlDSA44: (MLDSAField.q - 1) / 88
        case .mlDSA65, .mlDSA87: (MLDSAField.q - 1) / 32
        }
    }

    /// η, the private key coefficient range (needed only for β).
    var eta: Int {
        switch self {
        case .mlDSA44, .mlDSA87: 2
        case .mlDSA65: 4
        }
    }

    /// ω, the maximum number of ones in the hint h.
    var omega: Int {
        switch self {
        case .mlDSA44: 80
        case .mlDSA65: 55
        case .mlDSA87: 75
        }
    }

    /// β = τ·η.
    var beta: Int { tau * eta }

    /// Bytes of c̃: λ/4 (FIPS 204 Algorithm 26).
    var challengeByteCount: Int { lambda / 4 }

    /// Bits per packed z coefficient: 1 + bitlen(γ1 − 1) (FIPS 204 Algorithm 26).
    var zBitWidth: Int { 1 + bitLength(gamma1 - 1) }

    /// Bits per w1 coefficient: bitlen((q − 1)/(2γ2) − 1) (FIPS 204 Algorithm 28).
    var w1BitWidth: Int { bitLength((MLDSAField.q - 1) / (2 * gamma2) - 1) }

    /// Encoded public key size computed from the parameters: 32 + 32·k·(bitlen(q − 1) − d) (FIPS 204
    /// Table 2); equal to ``publicKeyByteCount``.
    var derivedPublicKeyByteCount: Int { 32 + 32 * k * MLDSAField.t1BitWidth }

    /// Encoded signature size computed from the parameters: λ/4 + ℓ·32·(1 + bitlen(γ1 − 1)) + ω + k
    /// (FIPS 204 Table 2); equal to ``signatureByteCount``.
    var derivedSignatureByteCount: Int { challengeByteCount + l * 32 * zBitWidth + omega + k }

    private func bitLength(_ value: Int) -> Int {
        Int.bitWidth - value.leadingZeroBitCount
    }
}
