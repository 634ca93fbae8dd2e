/// Why a signature was rejected; only for tests and diagnostics, callers should use ``MLDSAExternalMuVerifier/isValid``.
enum MLDSAVerificationFailure: Error, Equatable, Sendable {
    case invalidPublicKeyLength
    case invalidSignatureLength
    case invalidMuLength
    /// HintBitUnpack returned ⊥ (FIPS 204 Algorithm 21).
    case malformedHint
    /// ‖z‖∞ ≥ γ1 − β (FIPS 204 Algorithm 8 step 13).
    case zOutOfRange
    /// c̃ ≠ c̃′ (FIPS 204 Algorithm 8 step 13).
    case challengeMismatch
}

/// ML-DSA verification from an externally computed message representative μ.
///
/// This is FIPS 204 Algorithm 8 `ML-DSA.Verify_internal` with steps 6–7 (tr ← H(pk, 64) and
/// μ ← H(tr ‖ M′, 64)) done by the caller, as AWS KMS does for `MessageType: EXTERNAL_MU`.
enum MLDSAExternalMuVerifier {
    /// Bytes of μ.
    static let muByteCount = 64

    /// Returns true only if `signature` is a valid ML-DSA signature of `mu` under `publicKey`.
    ///
    /// - Important: μ must be H(H(pk, 64) ‖ M′, 64) for the same public key; any malformed input
    ///   (wrong lengths, non-canonical hint encoding, out-of-range z) returns false.
    static func isValid(
        signature: [UInt8], mu: [UInt8], publicKey: [UInt8], parameters: MLDSAParameterSet
    ) -> Bool {
        do {
            try verify(signature: signature, mu: mu, publicKey: publicKey, parameters: parameters)
            return true
        } catch {
            return false
        }
    }

    /// Runs FIPS 204 Algorithm 8 from μ on, throwing the first reason to reject.
    static func verify(
        signature encodedSignature: [UInt8], mu: [UInt8], publicKey encodedPublicKey: [UInt8],
        parameters: MLDSAParameterSet
    ) throws(MLDSAVerificationFailure) {
        guard mu.count == muByteCount else { throw .invalidMuLength }
        // Steps 1–3: decode, rejecting ⊥ for h.
        guard let publicKey = MLDSAEncodedPublicKey(encoded: encodedPublicKey, parameters: parameters) else {
            throw .invalidPublicKeyLength
        }
        let signature = try MLDSASignature(encoded: encodedSignature, parameters: parameters)
        // Step 13, first half, checked early because it is cheap and needs only public data.
        let bound = parameters.gamma1 - parameters.beta
        guard signature.z.allSatisfy({ $0.allSatisfy { abs($0) < bound } }) else { throw .zOutOfRange }

        let w1 = approximateHighBits(publicKey: publicKey, signature: signature, parameters: parameters)
        // Step 12: c̃′ ← H(μ ‖ w1Encode(w1′), λ/4).
        let recomputed = SHAKE.shake256(
            mu, MLDSASignature.w1Encode(w1, parameters: parameters),
            outputCount: parameters.challengeByteCount
        )
        guard recomputed == signature.challenge else { throw .challengeMismatch }
    }

    /// Steps 5 and 8–11: w1′ = UseHint(h, NTT^−1(Â ∘ NTT(z) − NTT(c) ∘ NTT(t1 · 2^d))).
    private static func approximateHighBits(
        publicKey: MLDSAEncodedPublicKey, signature: MLDSASignature, parameters: MLDSAParameterSet
    ) -> [[Int]] {
        let matrix = MLDSASampling.expandA(rho: publicKey.rho, parameters: parameters)
        let c = MLDSASampling.sampleInBall(challengeSeed: signature.challenge, tau: parameters.tau)
        let cHat = c.ntt()
        let zHat = signature.z.map { Polynomial(reducing: $0).ntt() }
        // t1 < 2^10, so t1 · 2^13 ≤ q − 1 is already reduced.
        let t1Hat = publicKey.t1.map { Polynomial(coefficients: $0.map { $0 << MLDSAField.d }).ntt() }

        return (0..<parameters.k).map { row in
            var accumulator = Polynomial.zero
            for column in 0..<parameters.l {
                accumulator = accumulator + matrix[row][column].pointwiseProduct(zHat[column])
            }
            let wApprox = (accumulator - cHat.pointwiseProduct(t1Hat[row])).inverseNTT()
            return zip(signature.hint[row], wApprox.coefficients).map { hint, r in
                MLDSARounding.useHint(hint, r, gamma2: parameters.gamma2)
            }
        }
    }
}
