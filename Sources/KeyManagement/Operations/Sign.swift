import ServiceCalls

/// Signs a message, or the digest of one, with the private key of an asymmetric SIGN_VERIFY key.
///
/// "To use the Sign operation, you must specify the signing algorithm … When signing a message,
/// be sure to record the KMS key and the signing algorithm" (KMS API reference, Sign); RAW messages
/// are hashed by KMS with the algorithm's hash, DIGEST messages are that hash already.
public enum Sign: KMSOperation {
    public static let name = "Sign"
    /// A cryptographic operation changes nothing: CloudTrail marks it read-only.
    public static let isReadOnly = true

    public static func perform(_ input: SignRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> SignResponse {
        try kms.checkGrantTokens(input.grantTokens)
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOrAlias, for: "kms:Sign",
                                        conditions: .signing(input.signingAlgorithm, messageType: input.messageType),
                                        context: context)
        try kms.admitUse(of: key, by: name, context: context)
        try key.state.require(.cryptographic, keyARN: key.arn)
        try kms.requireSigningAlgorithm(input.signingAlgorithm, for: key, operation: name)
        if input.dryRun == true { throw KMSError.dryRun }
        let signature = try kms.privateKey(of: key).sign(input.message, messageType: input.messageType ?? .raw,
                                                         algorithm: input.signingAlgorithm)
        return SignResponse(keyId: key.arn, signature: signature, signingAlgorithm: input.signingAlgorithm)
    }
}
