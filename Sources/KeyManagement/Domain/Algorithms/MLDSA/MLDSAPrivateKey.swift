import CMLDSA
import Foundation

/// An ML-DSA private key of any parameter set, and signing with it, through the BoringSSL inside
/// swift-crypto (see ``MLDSAFunctions``).
///
/// Signing is hedged: BoringSSL draws the 32-byte `rnd` of ML-DSA.Sign_internal itself, as FIPS 204
/// recommends (§3.4), so two signatures of one message differ.
///
/// - Important: the seed ξ and the expanded key live in ``SecretBytes``, zeroed when the key is
///   released; the seed leaves only through ``withSeed(_:)``, for encoding as PKCS #8.
struct MLDSAPrivateKey: Sendable {
    let parameters: MLDSAParameterSet
    let publicKey: MLDSAPublicKey
    private let seed: SecretBytes
    private let expanded: SecretBytes

    /// The key pair ML-DSA.KeyGen_internal(ξ) (FIPS 204 Algorithm 6) expands the 32-byte seed ξ into.
    ///
    /// - Throws: ``MLDSAFailure/invalidSeed`` for a seed that is not 32 bytes.
    init(seed: some Collection<UInt8>, _ parameters: MLDSAParameterSet) throws(MLDSAFailure) {
        guard seed.count == MLDSAKeyEncoding.seedByteCount else { throw .invalidSeed }
        let functions = parameters.functions
        let seed = SecretBytes(copying: seed)
        let layout = functions.privateKeyLayout
        let expanded = try SecretBytes(byteCount: layout.byteCount, alignment: layout.alignment) { key throws(MLDSAFailure) in
            let expanded = seed.withUnsafeBytes { seed in
                functions.privateKeyFromSeed(key.baseAddress!, seed.bindMemory(to: UInt8.self).baseAddress!, seed.count)
            }
            guard expanded == 1 else { throw .invalidSeed }
        }
        let encoded = expanded.withUnsafeBytes { Self.encodedPublicKey(of: $0.baseAddress!, parameters) }
        guard let encoded else { throw .invalidSeed }
        self.parameters = parameters
        self.publicKey = MLDSAPublicKey(checkedRawRepresentation: encoded, parameters)
        self.seed = seed
        self.expanded = expanded
    }

    /// ML-DSA.Sign (FIPS 204 Algorithm 2) of `message` with the empty context string.
    func signature(for message: Data) throws(MLDSAFailure) -> Data {
        let functions = parameters.functions
        return try makeSignature { signature, key in
            message.withUnsafeBytes { message in
                functions.sign(signature, key, message.bindMemory(to: UInt8.self).baseAddress, message.count, nil, 0)
            }
        }
    }

    /// The signature ML-DSA.Sign_internal (FIPS 204 Algorithm 7) makes from step 7 on, given the
    /// message representative μ = H(BytesToBits(tr) ‖ M′, 64) of step 6 (§6.2, "External μ").
    ///
    /// - Important: μ binds the signature to this key's public key hash `tr`, which only the
    ///   caller's computation of μ includes: a μ computed for another key gives a signature that
    ///   verifies for no message.
    /// - Throws: ``MLDSAFailure/signingFailed`` for a μ that is not 64 bytes.
    func signature(forMu mu: [UInt8]) throws(MLDSAFailure) -> Data {
        guard mu.count == Int(MLDSA_MU_BYTES) else { throw .signingFailed }
        let functions = parameters.functions
        return try makeSignature { signature, key in
            functions.signMessageRepresentative(signature, key, mu)
        }
    }

    /// Lends the 32-byte seed ξ to `body`, which must not keep it.
    func withSeed<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        seed.withUnsafeBytes(body)
    }

    private func makeSignature(
        _ sign: (UnsafeMutablePointer<UInt8>, UnsafeRawPointer) -> Int32
    ) throws(MLDSAFailure) -> Data {
        var signature = Data(count: parameters.signatureByteCount)
        let signed = signature.withUnsafeMutableBytes { signature in
            expanded.withUnsafeBytes { key in
                sign(signature.bindMemory(to: UInt8.self).baseAddress!, key.baseAddress!)
            }
        }
        guard signed == 1 else { throw .signingFailed }
        return signature
    }

    /// pkEncode of the public half of an expanded private key; nil if BoringSSL fails (allocation).
    private static func encodedPublicKey(of key: UnsafeRawPointer, _ parameters: MLDSAParameterSet) -> [UInt8]? {
        let functions = parameters.functions
        let layout = functions.publicKeyLayout
        let publicKey = UnsafeMutableRawPointer.allocate(byteCount: layout.byteCount, alignment: layout.alignment)
        defer { publicKey.deallocate() }
        guard functions.publicFromPrivate(publicKey, key) == 1 else { return nil }
        var encoded = [UInt8](repeating: 0, count: parameters.publicKeyByteCount)
        let written: Int? = encoded.withUnsafeMutableBufferPointer { output in
            var cbb = CBB()
            // "This function is infallible and always returns one." A fixed CBB cannot grow, so a
            // public key longer than the set's would fail to marshal rather than overflow.
            _ = CCryptoBoringSSL_CBB_init_fixed(&cbb, output.baseAddress, output.count)
            guard functions.marshalPublicKey(&cbb, publicKey) == 1 else { return nil }
            return CCryptoBoringSSL_CBB_len(&cbb)
        }
        guard written == parameters.publicKeyByteCount else { return nil }
        return encoded
    }
}
