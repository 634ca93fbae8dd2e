import ServiceCalls

/// The last successful cryptographic operation with a key: which, when, and its CloudTrail event
/// and request ids, from the audit trail. Arca records every call from a key's creation on, so
/// tracking starts when the key was created.
public enum GetKeyLastUsage: KMSOperation {
    public static let name = "GetKeyLastUsage"

    public static func perform(_ input: GetKeyLastUsageRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> GetKeyLastUsageResponse {
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOnly, for: "kms:GetKeyLastUsage", context: context)
        let usage = try await kms.usageHistory?.lastCryptographicUse(of: key)
        return GetKeyLastUsageResponse(keyId: key.id.rawValue, keyLastUsage: usage, trackingStartDate: key.creationDate,
                                       keyCreationDate: key.creationDate)
    }
}
