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
        let sourceKeyID = (try? CiphertextEnvelope(parsing: blob, region: context.region).keyID)
            ?? input.sourceKeyId.flatMap { try? kms.resolveKey($0, accepting: .keyOrAlias, context: context).id }
        let sameKey = sourceKeyID == destination.id ? "true" : "false"
        let source = try kms.open(
            blob, requestedKeyID: input.sourceKeyId, algorithm: input.sourceEncryptionAlgorithm,
            context: input.sourceEncryptionContext, request: context, operation: name, action: "kms:ReEncryptFrom",
            conditions: .cryptographic(input.sourceEncryptionContext, algorithm: input.sourceEncryptionAlgorithm)
                .setting("kms:ReEncryptOnSameKey", sameKey))
        try kms.authorize(destination, "kms:ReEncryptTo",
                          conditions: .cryptographic(input.destinationEncryptionContext, algorithm: input.destinationEncryptionAlgorithm)
                              .setting("kms:ReEncryptOnSameKey", sameKey),
                          context: context)
        // AWS lists ReEncrypt under the quota of each key type and does not say how a request with
        // keys of two types counts: it counts once against each type's quota (once, as before,
        // when both keys are symmetric).
        if destination.keySpec.quotaType != source.key.keySpec.quotaType {
            try kms.admitUse(of: destination, by: name, context: context)
        }
        try destination.state.require(.cryptographic, keyARN: destination.arn)
        let algorithm = try kms.encryptionAlgorithm(input.destinationEncryptionAlgorithm, for: destination, operation: name)
        try kms.rejectEncryptionContext(input.destinationEncryptionContext, for: destination)
        if input.dryRun == true { throw KMSError.dryRun }
        let ciphertext = try kms.encrypt(source.plaintext, under: destination, algorithm: algorithm,
                                         context: input.destinationEncryptionContext)
        return ReEncryptResponse(
            ciphertextBlob: ciphertext, sourceKeyId: source.key.arn, keyId: destination.arn,
            sourceEncryptionAlgorithm: source.algorithm, destinationEncryptionAlgorithm: algorithm,
            sourceKeyMaterialId: source.materialID,
            destinationKeyMaterialId: algorithm == .symmetricDefault
                ? destination.materialID(version: destination.currentMaterialVersion) : nil)
    }
}
