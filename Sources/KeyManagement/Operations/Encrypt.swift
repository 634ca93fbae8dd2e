import ServiceCalls

/// Encrypts up to 4096 bytes under a symmetric key, binding the encryption context, or under an
/// RSA key with RSAES-OAEP (up to the spec's limit, without a context).
public enum Encrypt: KMSOperation {
    public static let name = "Encrypt"
    /// A cryptographic operation changes nothing: CloudTrail marks it read-only.
    public static let isReadOnly = true

    public static func perform(_ input: EncryptRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> EncryptResponse {
        try kms.checkGrantTokens(input.grantTokens)
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOrAlias, for: "kms:Encrypt",
                                        conditions: .cryptographic(input.encryptionContext, algorithm: input.encryptionAlgorithm),
                                        context: context)
        try kms.admitUse(of: key, by: name, context: context)
        try key.state.require(.cryptographic, keyARN: key.arn)
        let algorithm = try kms.encryptionAlgorithm(input.encryptionAlgorithm, for: key, operation: name)
        try kms.rejectEncryptionContext(input.encryptionContext, for: key)
        if input.dryRun == true { throw KMSError.dryRun }
        let blob = try kms.encrypt(input.plaintext, under: key, algorithm: algorithm, context: input.encryptionContext)
        return EncryptResponse(ciphertextBlob: blob, keyId: key.arn, encryptionAlgorithm: algorithm)
    }
}
