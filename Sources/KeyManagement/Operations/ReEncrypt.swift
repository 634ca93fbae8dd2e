/// Decrypts a ciphertext and encrypts the plaintext again under another key (or the same key
/// with another context), without the plaintext ever leaving the service.
public enum ReEncrypt: KMSOperation {
    public static let name = "ReEncrypt"

    public static func handle(_ input: ReEncryptRequest, context: KMSRequestContext,
                              kms: KeyManagementService) async throws -> ReEncryptResponse {
        guard let blob = input.ciphertextBlob else {
            throw KMSError(.validation, "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null")
        }
        let (source, plaintext, sourceVersion) = try kms.open(blob, requestedKeyID: input.sourceKeyId,
                                               context: input.sourceEncryptionContext, request: context)
        try kms.requireSymmetricAlgorithm(input.sourceEncryptionAlgorithm, for: source)
        let destination = try kms.resolveKey(input.destinationKeyId, accepting: .keyOrAlias, context: context)
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
