import ServiceCalls

/// Deletes a grant on the caller's authority over the key: "Required permissions:
/// kms:RevokeGrant (key policy)" (KMS API reference, RevokeGrant).
public enum RevokeGrant: KMSOperation {
    public static let name = "RevokeGrant"

    public static func perform(_ input: RevokeGrantRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> RevokeGrantResponse {
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOnly, for: "kms:RevokeGrant",
                                        conditions: KMSConditions().notForAWSResource, context: context)
        let grant = try kms.grant(input.grantId, of: key)
        if input.dryRun == true { throw KMSError.dryRun }
        try await kms.removeGrant(grant)
        return RevokeGrantResponse()
    }
}
