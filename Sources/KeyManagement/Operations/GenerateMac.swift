import ServiceCalls

/// Computes an HMAC of a message (up to 4096 bytes) under an HMAC key's secret.
public enum GenerateMac: KMSOperation {
    public static let name = "GenerateMac"
    /// A cryptographic operation changes nothing: CloudTrail marks it read-only.
    public static let isReadOnly = true

    public static func perform(_ input: GenerateMacRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> GenerateMacResponse {
        try kms.checkGrantTokens(input.grantTokens)
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOrAlias, for: "kms:GenerateMac",
                                        conditions: .mac(input.macAlgorithm), context: context)
        try key.state.require(.cryptographic, keyARN: key.arn)
        try kms.requireMacAlgorithm(input.macAlgorithm, for: key, operation: name)
        if input.dryRun == true { throw KMSError.dryRun }
        let mac = HMACKeys.mac(input.message, key: try kms.currentMaterial(of: key).key, algorithm: input.macAlgorithm)
        return GenerateMacResponse(mac: mac, macAlgorithm: input.macAlgorithm, keyId: key.arn)
    }
}
