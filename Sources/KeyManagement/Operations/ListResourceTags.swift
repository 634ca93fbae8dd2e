import ServiceCalls

/// Lists the tags of a key, in the order they were added.
public enum ListResourceTags: KMSOperation {
    public static let name = "ListResourceTags"

    public static func perform(_ input: ListResourceTagsRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> ListResourceTagsResponse {
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOnly, for: "kms:ListResourceTags", context: context)
        let (page, next) = try PageMarker.page(key.tags, limit: input.limit, defaultLimit: 50, marker: input.marker)
        return ListResourceTagsResponse(tags: Array(page), nextMarker: next, truncated: next != nil)
    }
}
