import Crypto
import Foundation

/// What each type of key refuses: the checks Encrypt, Sign, GenerateMac and the rest make after
/// authorizing and checking the key's state, in that order, as AWS answers them.
extension KeyManagementService {
    /// New backing material for a key of `spec`: 256 random bits for a symmetric key, the spec's
    /// length of random bytes for an HMAC key, a fresh private key (PKCS#8) for an asymmetric key.
    func newMaterial(for spec: KeySpec, keyID: KeyID) async throws(KMSError) -> KeyMaterial {
        if let length = spec.hmacKeyByteCount {
            return KeyMaterial(keyID: keyID, version: 1, key: SymmetricKey(data: dependencies.randomBytes(length)))
        }
        guard spec.isAsymmetric else { return KeyMaterial(keyID: keyID, version: 1, key: newSymmetricKey()) }
        return KeyMaterial(keyID: keyID, version: 1, privateKey: try await newPrivateKey(spec))
    }

    /// A fresh private key of `spec`. An RSA key takes tens to hundreds of milliseconds to find its
    /// primes, so it is generated on a thread of its own rather than holding a thread of the
    /// cooperative pool that every request shares.
    func newPrivateKey(_ spec: KeySpec) async throws(KMSError) -> AsymmetricPrivateKey {
        let randomBytes = dependencies.randomBytes
        guard spec.isRSA else { return try AsymmetricPrivateKey(generating: spec, randomBytes: randomBytes) }
        let generated: Result<AsymmetricPrivateKey, KMSError> = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: Result { () throws(KMSError) in
                    try AsymmetricPrivateKey(generating: spec, randomBytes: randomBytes)
                })
            }
        }
        return try generated.get()
    }

    /// The private key of an asymmetric key, parsed once when the ring loaded or stored it.
    func privateKey(of key: KMSKey) throws(KMSError) -> AsymmetricPrivateKey {
        guard let privateKey = ring.read({ $0.privateKeys[key.id] }) else {
            throw KMSError(.kmsInternal, "The key material of \(key.arn) is unavailable.")
        }
        return privateKey
    }

    /// Refuses a key whose usage is not `usage`, naming the operation as AWS does (recorded:
    /// "<arn> key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.").
    func requireUsage(_ usage: KeyUsageType, of key: KMSKey, for operation: String) throws(KMSError) {
        guard key.keyUsage == usage else {
            throw KMSError(.invalidKeyUsage, "\(key.arn) key usage is \(key.keyUsage.rawValue) which is not valid for \(operation).")
        }
    }

    /// The encryption algorithm a request uses with an ENCRYPT_DECRYPT key. "The default value,
    /// SYMMETRIC_DEFAULT, represents the only supported algorithm that is valid for symmetric
    /// encryption KMS keys" (KMS API reference, Encrypt), so an RSA key needs one named.
    func encryptionAlgorithm(_ requested: EncryptionAlgorithmSpec?, for key: KMSKey,
                             operation: String) throws(KMSError) -> EncryptionAlgorithmSpec {
        try requireUsage(.encryptDecrypt, of: key, for: operation)
        let algorithm = requested ?? .symmetricDefault
        // The hot path (symmetric Encrypt, Decrypt, GenerateDataKey) builds no list.
        if key.keySpec == .symmetricDefault, algorithm == .symmetricDefault { return algorithm }
        try requireAlgorithm(algorithm, among: key.keySpec.encryptionAlgorithms(usage: key.keyUsage), of: key)
        return algorithm
    }

    /// Refuses a signing algorithm the key's spec does not have.
    func requireSigningAlgorithm(_ algorithm: SigningAlgorithmSpec, for key: KMSKey, operation: String) throws(KMSError) {
        try requireUsage(.signVerify, of: key, for: operation)
        try requireAlgorithm(algorithm, among: key.keySpec.signingAlgorithms(usage: key.keyUsage), of: key)
    }

    /// Refuses a MAC algorithm the key's spec does not have (recorded from AWS: "Algorithm
    /// HMAC_SHA_256 is incompatible with key spec HMAC_224.").
    func requireMacAlgorithm(_ algorithm: MacAlgorithmSpec, for key: KMSKey, operation: String) throws(KMSError) {
        try requireUsage(.generateVerifyMac, of: key, for: operation)
        try requireAlgorithm(algorithm, among: key.keySpec.macAlgorithms, of: key)
    }

    private func requireAlgorithm<Algorithm: RawRepresentable & Equatable>(
        _ algorithm: Algorithm, among supported: [Algorithm], of key: KMSKey
    ) throws(KMSError) where Algorithm.RawValue == String {
        guard supported.contains(algorithm) else { throw .incompatible(algorithm, with: key.keySpec) }
    }

    /// "An encryption context is supported only on operations with symmetric encryption KMS keys"
    /// (KMS API reference, Encrypt and Decrypt).
    func rejectEncryptionContext(_ pairs: [String: String]?, for key: KMSKey) throws(KMSError) {
        if key.keySpec != .symmetricDefault, let pairs, !pairs.isEmpty {
            throw KMSError(.validation, "EncryptionContext is not supported with key spec \(key.keySpec.rawValue).")
        }
    }
}

private extension KeySpec {
    var isRSA: Bool { self == .rsa2048 || self == .rsa3072 || self == .rsa4096 }
}
