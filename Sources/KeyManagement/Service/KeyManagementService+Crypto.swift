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

    /// Opens a ciphertext blob (Decrypt, ReEncrypt): finds its key, checks the requested key id
    /// and the key's state, and decrypts.
    ///
    /// "If you specify a KeyId … [and it] does not identify the KMS key that was used to encrypt
    /// the ciphertext, the operation fails with `IncorrectKeyException`" (KMS API reference).
    func open(_ blob: Data, requestedKeyID: String?, context encryptionContext: [String: String]?,
              request: CallContext, action: String,
              conditions: KMSConditions) throws(KMSError) -> (key: KMSKey, plaintext: Data, materialVersion: UInt32) {
        let envelope = try CiphertextEnvelope(parsing: blob)
        let key = try keyForCiphertext(envelope, context: request)
        try authorize(key, action, conditions: conditions, context: request)
        if let requestedKeyID {
            let requested = try resolveKey(requestedKeyID, accepting: .keyOrAlias, context: request)
            guard requested.id == key.id else { throw .incorrectKey }
        }
        try key.state.require(.cryptographic, keyARN: key.arn)
        let material = try material(of: key, version: envelope.materialVersion)
        return (key, try envelope.open(blob, with: material, context: encryptionContext), envelope.materialVersion)
    }

    /// Only symmetric keys exist today, and they take only `SYMMETRIC_DEFAULT`.
    func requireSymmetricAlgorithm(_ algorithm: EncryptionAlgorithmSpec?, for key: KMSKey) throws(KMSError) {
        guard key.keyUsage == .encryptDecrypt else {
            throw KMSError(.invalidKeyUsage, "\(key.arn) key usage is \(key.keyUsage.rawValue) which is not valid for this operation.")
        }
        if let algorithm, algorithm != .symmetricDefault {
            throw KMSError(.invalidKeyUsage, "Algorithm \(algorithm.rawValue) is incompatible with key spec \(key.keySpec.rawValue).")
        }
    }

    /// Requests that carry a Nitro Enclaves attestation document are not supported.
    func rejectRecipient(_ recipient: RecipientInfo?) throws(KMSError) {
        if recipient != nil { throw .unsupported("The Recipient parameter (Nitro Enclaves attestation)") }
    }
}
