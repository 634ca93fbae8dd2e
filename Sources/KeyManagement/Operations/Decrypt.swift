import ServiceCalls

/// Decrypts a ciphertext blob; the key comes from the blob, `KeyId` only confirms it.
public enum Decrypt: KMSOperation {
    public static let name = "Decrypt"
    /// A cryptographic operation changes nothing: CloudTrail marks it read-only.
    public static let isReadOnly = true

    public static func perform(_ input: DecryptRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> DecryptResponse {
        try kms.checkGrantTokens(input.grantTokens)
        try kms.rejectRecipient(input.recipient)
        guard let blob = input.ciphertextBlob else {
            throw KMSError(.validation, "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null")
        }
        let (key, plaintext, version) = try kms.open(
            blob, requestedKeyID: input.keyId, context: input.encryptionContext, request: context, action: "kms:Decrypt",
            conditions: .cryptographic(input.encryptionContext, algorithm: input.encryptionAlgorithm))
        try kms.requireSymmetricAlgorithm(input.encryptionAlgorithm, for: key)
        if input.dryRun == true { throw KMSError.dryRun }
        return DecryptResponse(keyId: key.arn, plaintext: plaintext, encryptionAlgorithm: .symmetricDefault,
                               keyMaterialId: key.materialID(version: version))
    }
}
