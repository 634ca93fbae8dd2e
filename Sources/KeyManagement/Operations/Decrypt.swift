import ServiceCalls

/// Decrypts a ciphertext blob; for a symmetric key the key comes from the blob and `KeyId` only
/// confirms it, for an RSA key `KeyId` and `EncryptionAlgorithm` name how to decrypt.
public enum Decrypt: KMSOperation {
    public static let name = "Decrypt"
    /// A cryptographic operation changes nothing: CloudTrail marks it read-only.
    public static let isReadOnly = true

    public static func perform(_ input: DecryptRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> DecryptResponse {
        try kms.checkGrantTokens(input.grantTokens)
        let recipient = try await kms.attestedRecipient(input.recipient, context: context)
        guard let blob = input.ciphertextBlob else {
            throw KMSError(.validation, "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null")
        }
        let opened = try kms.open(
            blob, requestedKeyID: input.keyId, algorithm: input.encryptionAlgorithm, context: input.encryptionContext,
            request: context, operation: name, action: "kms:Decrypt",
            conditions: .cryptographic(input.encryptionContext, algorithm: input.encryptionAlgorithm).attested(by: recipient))
        if input.dryRun == true { throw KMSError.dryRun }
        if let recipient {
            // "KeyMaterialId … is omitted if the request includes the Recipient parameter."
            return DecryptResponse(keyId: opened.key.arn, encryptionAlgorithm: opened.algorithm,
                                   ciphertextForRecipient: try recipient.seal(opened.plaintext, randomBytes: kms.dependencies.randomBytes))
        }
        return DecryptResponse(keyId: opened.key.arn, plaintext: opened.plaintext, encryptionAlgorithm: opened.algorithm,
                               keyMaterialId: opened.materialID)
    }
}
