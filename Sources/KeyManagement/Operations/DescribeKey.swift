import ServiceCalls

/// Returns the metadata of a key, in any key state.
///
/// "If you call the DescribeKey operation on a predefined AWS alias, that is, an AWS alias with
/// no key ID, AWS KMS creates an AWS managed key" (KMS API reference, DescribeKey).
public enum DescribeKey: KMSOperation {
    public static let name = "DescribeKey"

    public static func perform(_ input: DescribeKeyRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> DescribeKeyResponse {
        try kms.checkGrantTokens(input.grantTokens)
        if input.keyId.hasPrefix("alias/aws/"), let service = AWSManagedKeys.service(of: try AliasName(input.keyId)) {
            _ = try await kms.awsManagedKey(for: service, in: context.scope)
        }
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOrAlias, for: "kms:DescribeKey", context: context)
        return DescribeKeyResponse(keyMetadata: key.metadata)
    }
}
