import ServiceCalls

/// Adds or overwrites tags on a key.
public enum TagResource: KMSOperation {
    public static let name = "TagResource"

    public static func perform(_ input: TagResourceRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> TagResourceResponse {
        try TagRules.validate(input.tags)
        try await kms.updateKey(input.keyId, for: "kms:TagResource", requiring: .management, context: context) { key throws(KMSError) in
            key.tags = try TagRules.merge(key.tags, input.tags)
        }
        return TagResourceResponse()
    }
}
