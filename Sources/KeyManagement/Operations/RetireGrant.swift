import AccessPolicy
import ServiceCalls

/// Deletes a grant on the grant's own terms, named by its token or by key and grant id.
///
/// "This operation can be called by the retiring principal for a grant, by the grantee principal
/// if the grant allows the RetireGrant operation, and by the Amazon Web Services account in which
/// the grant is created. It can also be called by principals to whom permission for retiring a
/// grant is delegated." (KMS API reference, RetireGrant) Delegation is `kms:RetireGrant` in the
/// key policy, or in an IAM policy where the key policy enables them.
public enum RetireGrant: KMSOperation {
    public static let name = "RetireGrant"

    public static func perform(_ input: RetireGrantRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> RetireGrantResponse {
        let key: KMSKey
        let grantID: String
        if let token = input.grantToken {
            guard let parsed = GrantToken(token, signingKey: kms.grantTokenKey) else {
                throw KMSError(.invalidGrantToken, "Invalid grant token.")
            }
            key = try kms.resolveKey(parsed.keyARN, accepting: .keyOnly, context: context)
            grantID = parsed.grantID.rawValue
        } else if let keyID = input.keyId, let id = input.grantId {
            key = try kms.resolveKey(keyID, accepting: .keyOnly, context: context)
            grantID = id
        } else {
            throw KMSError(.validation, "Grant token OR (grant ID, key ID) must be specified")
        }
        let grant = try kms.grant(grantID, of: key)
        if !grantPermitsRetiring(grant, key: key, caller: context.caller.policyPrincipal) {
            try kms.authorize(key, "kms:RetireGrant", context: context)
        }
        if input.dryRun == true { throw KMSError.dryRun }
        try await kms.removeGrant(grant)
        return RetireGrantResponse()
    }

    /// The callers the grant itself lets retire it.
    static func grantPermitsRetiring(_ grant: KMSGrant, key: KMSKey, caller: PolicyRequestPrincipal) -> Bool {
        if let retiring = grant.retiringPrincipal, GrantPrincipalMatch.of(retiring, for: caller) == .direct { return true }
        if grant.operations.contains(.retireGrant), GrantPrincipalMatch.of(grant.granteePrincipal, for: caller) == .direct {
            return true
        }
        return caller.isAccountRoot && caller.accountID == key.scope.account.rawValue
    }
}
