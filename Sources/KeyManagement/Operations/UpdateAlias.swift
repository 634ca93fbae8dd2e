import ServiceCalls

/// Points an existing alias at another key of the same account, region and key usage.
public enum UpdateAlias: KMSOperation {
    public static let name = "UpdateAlias"

    public static func perform(_ input: UpdateAliasRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> UpdateAliasResponse {
        let name = try AliasName.forNewTarget(input.aliasName)
        let scope = context.scope
        try kms.authorizeByIdentity("kms:UpdateAlias", resource: scope.aliasARN(name), context: context)
        let target = try kms.aliasTarget(input.targetKeyId, for: "kms:UpdateAlias", context: context)
        let now = kms.now
        try await kms.ring.write { state throws(KMSError) in
            guard var alias = state.aliases[scope]?[name.rawValue] else {
                throw KMSError.aliasNotFound(scope.aliasARN(name))
            }
            // "kms:UpdateAlias on the current KMS key (key policy)" as well as on the new one.
            if let current = state.keys[alias.targetKeyID] { try kms.authorize(current, "kms:UpdateAlias", context: context) }
            if let current = state.keys[alias.targetKeyID], current.keyUsage != target.keyUsage {
                throw KMSError(.validation, "\(target.arn) key usage is \(target.keyUsage.rawValue) but the alias's current key usage is \(current.keyUsage.rawValue).")
            }
            alias.targetKeyID = target.id
            alias.lastUpdatedDate = now
            return ((), [.putAlias(alias)])
        }
        return UpdateAliasResponse()
    }
}
