import ServiceCalls

/// Verifies a signature with the public key of an asymmetric SIGN_VERIFY key, inside KMS.
///
/// A signature that does not verify is an error, not a `false`: "If the signature is not valid,
/// the Verify operation fails with a KMSInvalidSignatureException" (KMS API reference, Verify;
/// recorded from AWS with an empty message).
public enum Verify: KMSOperation {
    public static let name = "Verify"
    /// A cryptographic operation changes nothing: CloudTrail marks it read-only.
    public static let isReadOnly = true

    public static func perform(_ input: VerifyRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> VerifyResponse {
        try kms.checkGrantTokens(input.grantTokens)
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOrAlias, for: "kms:Verify",
                                        conditions: .signing(input.signingAlgorithm, messageType: input.messageType),
                                        context: context)
        try kms.admitUse(of: key, by: name, context: context)
        try key.state.require(.cryptographic, keyARN: key.arn)
        try kms.requireSigningAlgorithm(input.signingAlgorithm, for: key, operation: name)
        if input.dryRun == true { throw KMSError.dryRun }
        let valid = try kms.privateKey(of: key).publicKey.isValidSignature(
            input.signature, for: input.message, messageType: input.messageType ?? .raw, algorithm: input.signingAlgorithm)
        guard valid else { throw KMSError(.kmsInvalidSignature, "") }
        return VerifyResponse(keyId: key.arn, signatureValid: true, signingAlgorithm: input.signingAlgorithm)
    }
}
