import Foundation
import ServiceCalls

/// Returns a fresh asymmetric key pair: the private key in plaintext (PKCS #8) and encrypted under
/// a symmetric KMS key, and the public key (SubjectPublicKeyInfo).
///
/// "GenerateDataKeyPair returns a unique asymmetric data key pair … The private key is encrypted
/// under the symmetric encryption KMS key you specify" (KMS API reference, GenerateDataKeyPair).
public enum GenerateDataKeyPair: KMSOperation {
    public static let name = "GenerateDataKeyPair"
    /// A cryptographic operation changes nothing: CloudTrail marks it read-only.
    public static let isReadOnly = true

    public static func perform(_ input: GenerateDataKeyPairRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> GenerateDataKeyPairResponse {
        try kms.checkGrantTokens(input.grantTokens)
        let recipient = try await kms.attestedRecipient(input.recipient, context: context)
        let pair = try await DataKeyPair.generate(input.keyPairSpec, under: input.keyId, context: input.encryptionContext,
                                            dryRun: input.dryRun, action: "kms:GenerateDataKeyPair", operation: name,
                                            recipient: recipient, request: context, kms: kms)
        if let recipient {
            // The private key reaches only the enclave; the encrypted copy and the public key as usual.
            return GenerateDataKeyPairResponse(
                privateKeyCiphertextBlob: pair.encryptedPrivateKey, publicKey: pair.publicKey, keyId: pair.key.arn,
                keyPairSpec: input.keyPairSpec,
                ciphertextForRecipient: try recipient.seal(pair.privateKey, randomBytes: kms.dependencies.randomBytes),
                keyMaterialId: pair.materialID)
        }
        return GenerateDataKeyPairResponse(
            privateKeyCiphertextBlob: pair.encryptedPrivateKey, privateKeyPlaintext: pair.privateKey,
            publicKey: pair.publicKey, keyId: pair.key.arn, keyPairSpec: input.keyPairSpec, keyMaterialId: pair.materialID)
    }
}

/// What GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext share: the checks on the
/// symmetric key, and the pair.
enum DataKeyPair {
    struct Generated {
        var key: KMSKey
        var privateKey: Data
        var encryptedPrivateKey: Data
        var publicKey: Data
        var materialID: String
    }

    static func generate(_ spec: DataKeyPairSpec, under keyID: String, context encryptionContext: [String: String]?,
                         dryRun: Bool?, action: String, operation: String, recipient: AttestedRecipient? = nil,
                         request: CallContext, kms: KeyManagementService) async throws(KMSError) -> Generated {
        let key = try kms.authorizedKey(keyID, accepting: .keyOrAlias, for: action,
                                        conditions: .cryptographic(encryptionContext)
                                            .setting("kms:DataKeyPairSpec", spec.rawValue).attested(by: recipient),
                                        context: request)
        // The quota is the pair's, whatever the key: "GenerateDataKeyPair (RSA_2048) request rate".
        try kms.admitDataKeyPair(spec, by: operation, context: request)
        try key.state.require(.cryptographic, keyARN: key.arn)
        _ = try kms.encryptionAlgorithm(nil, for: key, operation: operation)
        // The pair's spec names a key spec of the same name.
        guard let keySpec = KeySpec(rawValue: spec.rawValue), keySpec.isSupported else {
            throw KMSError.chinaRegionsOnly("KeySpec \(spec.rawValue)", in: request.region)
        }
        if dryRun == true { throw KMSError.dryRun }
        let pair = try await kms.newPrivateKey(keySpec)
        let privateKey = pair.pkcs8DER
        return Generated(key: key, privateKey: privateKey,
                         encryptedPrivateKey: try kms.seal(privateKey, under: key, context: encryptionContext),
                         publicKey: pair.publicKey.derRepresentation,
                         materialID: key.materialID(version: key.currentMaterialVersion))
    }
}
