/// Computes the message representative μ that ``MLDSAExternalMuVerifier`` takes.
enum MLDSAMessageRepresentative {
    /// μ = H(H(pk, 64) ‖ 0x00 ‖ IntegerToBytes(|ctx|, 1) ‖ ctx ‖ M, 64) for pure ML-DSA
    /// (FIPS 204 Algorithm 2 step 10 and Algorithm 8 steps 6–7), with H = SHAKE256.
    ///
    /// Returns nil if `context` is longer than 255 bytes. `publicKey` is hashed as given; its length
    /// is not checked here.
    static func mu(publicKey: [UInt8], message: [UInt8], context: [UInt8]) -> [UInt8]? {
        guard context.count <= 255 else { return nil }
        let tr = SHAKE.shake256(publicKey, outputCount: 64)
        return SHAKE.shake256(tr, [0, UInt8(context.count)], context, message, outputCount: 64)
    }

    /// μ for pure ML-DSA with the empty context string (M′ = 0x00 ‖ 0x00 ‖ M).
    static func mu(publicKey: [UInt8], message: [UInt8]) -> [UInt8] {
        let tr = SHAKE.shake256(publicKey, outputCount: 64)
        return SHAKE.shake256(tr, [0, 0], message, outputCount: 64)
    }
}
