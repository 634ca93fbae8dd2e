import ServiceCalls

/// Decrypts a ciphertext and encrypts the plaintext again under another key (or the same key
/// with another context), without the plaintext ever leaving the service.
public enum ReEncrypt: KMSOperation {
    public static let name = "ReEncrypt"
    /// A cryptographic operation changes nothing: CloudTrail marks it read-only.
    public static let isReadOnly = true

    public static func perform(_ input: ReEncryptRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> ReEncryptResponse {
        try kms.checkGrantTokens(input.grantTokens)
        guard let blob = input.ciphertextBlob else {
            throw KMSError(.validation, "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null")
        }
        // ReEncrypt needs kms:ReEncryptFrom on the source key and kms:ReEncryptTo on the destination;
        // kms:ReEncryptOnSameKey tells policies whether they are the same key.
        let destination = try kms.resolveKey(input.destinationKeyId, accepting: .keyOrAlias, context: context)
        let sameKey = try CiphertextEnvelope(parsing: blob).keyID == destination.id ? "true" : "false"
        let (source, plaintext, sourceVersion) = try kms.open(
            blob, requestedKeyID: input.sourceKeyId, context: input.sourceEncryptionContext, request: context,
            action: "kms:ReEncryptFrom",
            conditions: .cryptographic(input.sourceEncryptionContext, algorithm: input.sourceEncryptionAlgorithm)
                .setting("kms:ReEncryptOnSameKey", sameKey))
        try kms.requireSymmetricAlgorithm(input.sourceEncryptionAlgorithm, for: source)
        try kms.authorize(destination, "kms:ReEncryptTo",
                          conditions: .cryptographic(input.destinationEncryptionContext, algorithm: input.destinationEncryptionAlgorithm)
                              .setting("kms:ReEncryptOnSameKey", sameKey),
                          context: context)
        try destination.state.require(.cryptographic, keyARN: destination.arn)
        try kms.requireSymmetricAlgorithm(input.destinationEncryptionAlgorithm, for: destination)
        if input.dryRun == true { throw KMSError.dryRun }
        let sealed = try kms.seal(plaintext, under: destination, context: input.destinationEncryptionContext)
        return ReEncryptResponse(
            ciphertextBlob: sealed, sourceKeyId: source.arn, keyId: destination.arn,
            sourceEncryptionAlgorithm: .symmetricDefault, destinationEncryptionAlgorithm: .symmetricDefault,
            sourceKeyMaterialId: source.materialID(version: sourceVersion),
            destinationKeyMaterialId: destination.materialID(version: destination.currentMaterialVersion))
    }
}
