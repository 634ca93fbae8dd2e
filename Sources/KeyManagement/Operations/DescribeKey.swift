/// Returns the metadata of a key, in any key state.
public enum DescribeKey: KMSOperation {
    public static let name = "DescribeKey"

    public static func handle(_ input: DescribeKeyRequest, context: KMSRequestContext,
                              kms: KeyManagementService) async throws -> DescribeKeyResponse {
        try kms.checkGrantTokens(input.grantTokens)
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOrAlias, for: "kms:DescribeKey", context: context)
        return DescribeKeyResponse(keyMetadata: key.metadata)
    }
}
