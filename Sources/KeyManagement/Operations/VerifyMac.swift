import ServiceCalls

/// Recomputes the HMAC of a message and compares it, in constant time, with the one given.
///
/// A MAC that does not match is an error: "If the HMAC is not verified, the VerifyMac operation
/// fails with a KMSInvalidMacException" (KMS API reference, VerifyMac; recorded from AWS with an
/// empty message).
public enum VerifyMac: KMSOperation {
    public static let name = "VerifyMac"
    /// A cryptographic operation changes nothing: CloudTrail marks it read-only.
    public static let isReadOnly = true

    public static func perform(_ input: VerifyMacRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> VerifyMacResponse {
        try kms.checkGrantTokens(input.grantTokens)
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOrAlias, for: "kms:VerifyMac",
                                        conditions: .mac(input.macAlgorithm), context: context)
        try key.state.require(.cryptographic, keyARN: key.arn)
        try kms.requireMacAlgorithm(input.macAlgorithm, for: key, operation: name)
        if input.dryRun == true { throw KMSError.dryRun }
        let secret = try kms.currentMaterial(of: key).key
        guard HMACKeys.isValid(input.mac, for: input.message, key: secret, algorithm: input.macAlgorithm) else {
            throw KMSError(.kmsInvalidMac, "")
        }
        return VerifyMacResponse(keyId: key.arn, macValid: true, macAlgorithm: input.macAlgorithm)
    }
}
