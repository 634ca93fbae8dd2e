import ServiceCalls

/// Deletes an alias; the key it pointed at is not affected.
public enum DeleteAlias: KMSOperation {
    public static let name = "DeleteAlias"

    public static func perform(_ input: DeleteAliasRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> DeleteAliasResponse {
        let name = try AliasName.forCustomerUse(input.aliasName)
        let scope = context.scope
        try kms.authorizeByIdentity("kms:DeleteAlias", resource: scope.aliasARN(name), context: context)
        try await kms.ring.write { state throws(KMSError) in
            guard let alias = state.aliases[scope]?[name.rawValue] else {
                throw KMSError.aliasNotFound(scope.aliasARN(name))
            }
            // "kms:DeleteAlias on the KMS key (key policy)".
            if let target = state.keys[alias.targetKeyID] { try kms.authorize(target, "kms:DeleteAlias", context: context) }
            return ((), [.deleteAlias(alias)])
        }
        return DeleteAliasResponse()
    }
}
