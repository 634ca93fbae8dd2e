import ServiceCalls

/// Removes tags from a key by tag key; keys it does not have are ignored.
public enum UntagResource: KMSOperation {
    public static let name = "UntagResource"

    public static func perform(_ input: UntagResourceRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> UntagResourceResponse {
        let removed = Set(input.tagKeys)
        try await kms.updateKey(input.keyId, for: "kms:UntagResource", requiring: .management, context: context) { key throws(KMSError) in
            key.tags.removeAll { removed.contains($0.tagKey) }
        }
        return UntagResourceResponse()
    }
}
