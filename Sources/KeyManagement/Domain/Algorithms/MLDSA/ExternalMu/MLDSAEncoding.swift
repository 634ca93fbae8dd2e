/// A decoded ML-DSA public key (ρ, t1) (FIPS 204 Algorithm 23 `pkDecode`).
struct MLDSAEncodedPublicKey: Sendable {
    var rho: [UInt8]
    var t1: [[Int]]

    /// Decodes `ρ ‖ SimpleBitPack(t1[0], 2^10 − 1) ‖ … ‖ SimpleBitPack(t1[k−1], 2^10 − 1)`.
    ///
    /// Returns nil unless `encoded` is exactly `32 + 320·k` bytes; every such string decodes.
    init?(encoded: [UInt8], parameters: MLDSAParameterSet) {
        guard encoded.count == parameters.publicKeyByteCount else { return nil }
        let polynomialBytes = 32 * MLDSAField.t1BitWidth
        var t1 = [[Int]]()
        for i in 0..<parameters.k {
            let start = 32 + i * polynomialBytes
            let chunk = Array(encoded[start..<(start + polynomialBytes)])
            guard let coefficients = MLDSABitPacking.unpack(chunk, bitWidth: MLDSAField.t1BitWidth) else {
                return nil
            }
            t1.append(coefficients)
        }
        self.rho = Array(encoded[0..<32])
        self.t1 = t1
    }
}

/// A decoded ML-DSA signature (c̃, z, h) (FIPS 204 Algorithm 27 `sigDecode`).
struct MLDSASignature: Sendable {
    /// c̃, λ/4 bytes.
    var challenge: [UInt8]
    /// z as signed integers in [−γ1 + 1, γ1]; the norm bound is not yet checked.
    var z: [[Int]]
    /// h as k rows of 256 bits, with at most ω set in total.
    var hint: [[Bool]]

    /// Decodes `c̃ ‖ BitPack(z[0], γ1 − 1, γ1) ‖ … ‖ HintBitPack(h)`.
    init(encoded: [UInt8], parameters: MLDSAParameterSet) throws(MLDSAVerificationFailure) {
        guard encoded.count == parameters.signatureByteCount else { throw .invalidSignatureLength }
        let zPolynomialBytes = 32 * parameters.zBitWidth
        let zStart = parameters.challengeByteCount
        let hintStart = zStart + parameters.l * zPolynomialBytes
        var z = [[Int]]()
        for i in 0..<parameters.l {
            let start = zStart + i * zPolynomialBytes
            let chunk = Array(encoded[start..<(start + zPolynomialBytes)])
            guard let coefficients = MLDSABitPacking.unpackCentered(
                chunk, bitWidth: parameters.zBitWidth, upperBound: parameters.gamma1
            ) else { throw .invalidSignatureLength }
            z.append(coefficients)
        }
        guard let hint = Self.hintBitUnpack(Array(encoded[hintStart...]), parameters: parameters) else {
            throw .malformedHint
        }
        self.challenge = Array(encoded[0..<zStart])
        self.z = z
        self.hint = hint
    }

    /// Decodes the hint, rejecting every encoding that HintBitPack could not have produced
    /// (FIPS 204 Algorithm 21 `HintBitUnpack`).
    ///
    /// `y[0..<ω]` lists the positions of the ones, polynomial after polynomial, and `y[ω + i]` is the
    /// running count of ones after polynomial i. Returns nil (⊥) when a count decreases or exceeds ω,
    /// when positions within one polynomial are not strictly increasing, or when unused position bytes
    /// are not zero; these rules make the encoding of h unique, so a signature cannot be re-encoded.
    static func hintBitUnpack(_ y: [UInt8], parameters: MLDSAParameterSet) -> [[Bool]]? {
        let omega = parameters.omega
        guard y.count == omega + parameters.k else { return nil }
        var h = [[Bool]](repeating: [Bool](repeating: false, count: MLDSAField.n), count: parameters.k)
        var index = 0
        for i in 0..<parameters.k {
            let end = Int(y[omega + i])
            if end < index || end > omega { return nil }
            let first = index
            while index < end {
                if index > first, y[index - 1] >= y[index] { return nil }
                h[i][Int(y[index])] = true
                index += 1
            }
        }
        for position in index..<omega where y[position] != 0 {
            return nil
        }
        return h
    }
}

extension MLDSASignature {
    /// Encodes w1 for hashing into the challenge (FIPS 204 Algorithm 28 `w1Encode`).
    static func w1Encode(_ w1: [[Int]], parameters: MLDSAParameterSet) -> [UInt8] {
        w1.flatMap { MLDSABitPacking.pack($0, bitWidth: parameters.w1BitWidth) }
    }
}
