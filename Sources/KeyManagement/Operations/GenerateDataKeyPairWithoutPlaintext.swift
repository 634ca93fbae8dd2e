import ServiceCalls

/// Returns a fresh asymmetric key pair with only the private key's ciphertext: "the public key
/// … and a copy of the private key that is encrypted under the symmetric encryption KMS key you
/// specify" (KMS API reference, GenerateDataKeyPairWithoutPlaintext).
public enum GenerateDataKeyPairWithoutPlaintext: KMSOperation {
    public static let name = "GenerateDataKeyPairWithoutPlaintext"
    /// A cryptographic operation changes nothing: CloudTrail marks it read-only.
    public static let isReadOnly = true

    public static func perform(_ input: GenerateDataKeyPairWithoutPlaintextRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> GenerateDataKeyPairWithoutPlaintextResponse {
        try kms.checkGrantTokens(input.grantTokens)
        let pair = try await DataKeyPair.generate(input.keyPairSpec, under: input.keyId, context: input.encryptionContext,
                                            dryRun: input.dryRun, action: "kms:GenerateDataKeyPairWithoutPlaintext",
                                            operation: name, request: context, kms: kms)
        return GenerateDataKeyPairWithoutPlaintextResponse(
            privateKeyCiphertextBlob: pair.encryptedPrivateKey, publicKey: pair.publicKey, keyId: pair.key.arn,
            keyPairSpec: input.keyPairSpec, keyMaterialId: pair.materialID)
    }
}
