import Crypto
import Foundation
import ServiceCalls

extension KeyManagementService {
    /// Seals plaintext under a key's current backing key (Encrypt, GenerateDataKey, ReEncrypt).
    func seal(_ plaintext: some DataProtocol, under key: KMSKey, context: [String: String]?) throws(KMSError) -> Data {
        let material = try currentMaterial(of: key)
        let envelope = CiphertextEnvelope(keyID: key.id, materialVersion: material.version)
        return try envelope.seal(plaintext, with: material.key, nonce: dependencies.randomBytes(12), context: context)
    }

    /// Encrypts under an ENCRYPT_DECRYPT key with the algorithm ``encryptionAlgorithm(_:for:)``
    /// chose: sealed in Arca's envelope for a symmetric key, RSAES-OAEP under the public key for an
    /// RSA key (a raw RSA ciphertext anyone with the public key could have made).
    func encrypt(_ plaintext: Data, under key: KMSKey, algorithm: EncryptionAlgorithmSpec,
                 context: [String: String]?) throws(KMSError) -> Data {
        guard algorithm != .symmetricDefault else { return try seal(plaintext, under: key, context: context) }
        return try privateKey(of: key).publicKey.encrypt(plaintext, algorithm: algorithm)
    }

    /// Opens a ciphertext blob (Decrypt, ReEncrypt): finds its key, checks the requested key id,
    /// the key's state and the algorithm, and decrypts. Counts the request against the quota of
    /// its key's type once the key is authorized (``admitUse(of:by:context:)``).
    ///
    /// A symmetric ciphertext names its key; an RSA ciphertext does not, so "if you used an
    /// asymmetric KMS key, you must specify the KMS key and the encryption algorithm" (KMS API
    /// reference, Decrypt). "If you specify a KeyId … [and it] does not identify the KMS key that
    /// was used to encrypt the ciphertext, the operation fails with `IncorrectKeyException`".
    func open(_ blob: Data, requestedKeyID: String?, algorithm: EncryptionAlgorithmSpec?,
              context encryptionContext: [String: String]?, request: CallContext, operation: String, action: String,
              conditions: KMSConditions) throws(KMSError) -> OpenedCiphertext {
        // A symmetric ciphertext of a key that exists is opened as such, whatever KeyId says (a
        // KeyId naming another key is IncorrectKeyException, as recorded from AWS). The blob is
        // parsed and its key looked up once.
        let envelope = try? CiphertextEnvelope(parsing: blob, region: request.region)
        let named = envelope.flatMap { try? keyForCiphertext($0, context: request) }
        if named == nil, let requestedKeyID {
            // A blob that is no Arca ciphertext at all can only be an RSA ciphertext, which needs
            // its key named: an unknown KeyId is then NotFoundException.
            let requested = envelope == nil
                ? try resolveKey(requestedKeyID, accepting: .keyOrAlias, context: request)
                : try? resolveKey(requestedKeyID, accepting: .keyOrAlias, context: request)
            if let requested, requested.keySpec.isAsymmetric {
                try authorize(requested, action, conditions: conditions, context: request)
                try admitUse(of: requested, by: operation, context: request)
                try requested.state.require(.cryptographic, keyARN: requested.arn)
                let algorithm = try encryptionAlgorithm(algorithm, for: requested, operation: operation)
                try rejectEncryptionContext(encryptionContext, for: requested)
                let plaintext = try privateKey(of: requested).decrypt(blob, algorithm: algorithm)
                return OpenedCiphertext(key: requested, plaintext: plaintext, algorithm: algorithm, materialID: nil)
            }
        }
        guard let envelope, let key = named else { throw .invalidCiphertext }
        try authorize(key, action, conditions: conditions, context: request)
        try admitUse(of: key, by: operation, context: request)
        if let requestedKeyID {
            let requested = try resolveKey(requestedKeyID, accepting: .keyOrAlias, context: request)
            guard requested.id == key.id else { throw .incorrectKey }
        }
        try key.state.require(.cryptographic, keyARN: key.arn)
        let chosen = try encryptionAlgorithm(algorithm, for: key, operation: operation)
        let material = try material(of: key, version: envelope.materialVersion)
        return OpenedCiphertext(key: key, plaintext: try envelope.open(blob, with: material, context: encryptionContext),
                                algorithm: chosen, materialID: key.materialID(version: envelope.materialVersion))
    }
}

/// What ``KeyManagementService/open(_:requestedKeyID:algorithm:context:request:operation:action:conditions:)`` found.
struct OpenedCiphertext {
    var key: KMSKey
    var plaintext: Data
    var algorithm: EncryptionAlgorithmSpec
    /// The `KeyMaterialId` of a symmetric key's backing key; asymmetric keys report none.
    var materialID: String?
}
