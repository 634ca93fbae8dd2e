import ServiceCalls

/// Adds a grant to a key: permission for a grantee principal to perform some operations,
/// optionally only under an encryption-context constraint.
///
/// "Required permissions: kms:CreateGrant (key policy)" — or a grant that allows CreateGrant
/// and covers the new grant's terms (KMS API reference, CreateGrant).
public enum CreateGrant: KMSOperation {
    public static let name = "CreateGrant"

    public static func perform(_ input: CreateGrantRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> CreateGrantResponse {
        try kms.checkGrantTokens(input.grantTokens)
        let terms = GrantTerms(operations: input.operations, constraints: input.constraints)
        try GrantRules.validate(terms)
        let key = try kms.authorizedKey(
            input.keyId, accepting: .keyOnly, for: "kms:CreateGrant",
            conditions: .creatingGrant(terms, grantee: input.granteePrincipal, retiring: input.retiringPrincipal),
            context: context)
        try key.state.require(.cryptographic, keyARN: key.arn)
        try GrantRules.validate(terms, for: key)
        try kms.requireGrantPrincipal(input.granteePrincipal, member: "GranteePrincipal")
        if let retiring = input.retiringPrincipal { try kms.requireGrantPrincipal(retiring, member: "RetiringPrincipal") }
        if input.dryRun == true { throw KMSError.dryRun }
        let grant = try await kms.addGrant(on: key, terms: terms, name: input.name, grantee: input.granteePrincipal,
                                           retiring: input.retiringPrincipal, issuer: context)
        return CreateGrantResponse(grantToken: kms.grantToken(for: grant), grantId: grant.id.rawValue)
    }
}
