import ServiceCalls

/// Returns a fresh data key encrypted under a KMS key, without its plaintext.
public enum GenerateDataKeyWithoutPlaintext: KMSOperation {
    public static let name = "GenerateDataKeyWithoutPlaintext"
    /// A cryptographic operation changes nothing: CloudTrail marks it read-only.
    public static let isReadOnly = true

    public static func perform(_ input: GenerateDataKeyWithoutPlaintextRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> GenerateDataKeyWithoutPlaintextResponse {
        try kms.checkGrantTokens(input.grantTokens)
        let length = try DataKeyLength.resolve(keySpec: input.keySpec, numberOfBytes: input.numberOfBytes)
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOrAlias, for: "kms:GenerateDataKeyWithoutPlaintext",
                                        conditions: .cryptographic(input.encryptionContext), context: context)
        try key.state.require(.cryptographic, keyARN: key.arn)
        _ = try kms.encryptionAlgorithm(nil, for: key, operation: name)
        if input.dryRun == true { throw KMSError.dryRun }
        let blob = try kms.seal(kms.dependencies.randomBytes(length), under: key, context: input.encryptionContext)
        return GenerateDataKeyWithoutPlaintextResponse(
            ciphertextBlob: blob, keyId: key.arn,
            keyMaterialId: key.materialID(version: key.currentMaterialVersion))
    }
}
