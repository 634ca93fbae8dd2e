import ServiceCalls

/// Creates an alias in the caller's account and region for a key of the same account and region.
public enum CreateAlias: KMSOperation {
    public static let name = "CreateAlias"

    public static func perform(_ input: CreateAliasRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> CreateAliasResponse {
        let name = try AliasName.forNewTarget(input.aliasName)
        let scope = context.scope
        try kms.authorizeByIdentity("kms:CreateAlias", resource: scope.aliasARN(name), context: context)
        let target = try kms.aliasTarget(input.targetKeyId, for: "kms:CreateAlias", context: context)
        let now = kms.now
        let quota = kms.resourceQuotas(scope.account).aliases
        try await kms.ring.write { state throws(KMSError) in
            if state.aliases[scope]?[name.rawValue] != nil {
                throw KMSError(.alreadyExists, "An alias with the name \(scope.aliasARN(name)) already exists")
            }
            guard state.customerAliasCount(in: scope) < quota else {
                throw KMSError(.limitExceeded, "The request was rejected because the account \(scope.account) already has "
                               + "the maximum of \(quota) aliases in \(scope.region).")
            }
            let alias = KMSAlias(name: name, scope: scope, targetKeyID: target.id, creationDate: now, lastUpdatedDate: now)
            return ((), [.putAlias(alias)])
        }
        return CreateAliasResponse()
    }
}

extension KeyManagementService {
    /// The key an alias may point at: given by key id or ARN, in the caller's own account and
    /// region ("The alias and the KMS key it is mapped to must be in the same account and
    /// Region"), allowed by its key policy ("kms:CreateAlias on the KMS key (key policy)"), and in
    /// a state that allows managing it.
    func aliasTarget(_ identifier: String, for action: String, context: CallContext) throws(KMSError) -> KMSKey {
        let target = try resolveKey(identifier, accepting: .keyOnly, context: context)
        guard target.scope == context.scope else { throw KMSError.keyNotFound(context.scope.keyARN(target.id)) }
        try authorize(target, action, context: context)
        try target.state.require(.management, keyARN: target.arn)
        return target
    }
}

extension AliasName {
    /// An alias name a customer may create, change or delete: not under the reserved `alias/aws/`.
    static func forCustomerUse(_ raw: String) throws(KMSError) -> AliasName {
        let name = try AliasName(raw)
        if name.isAWSManaged {
            throw KMSError(.notAuthorized, "Alias names that begin with alias/aws/ are reserved for AWS managed keys.")
        }
        return name
    }

    /// A name for CreateAlias or UpdateAlias: one a customer may use, without the `:` that the
    /// wire pattern lets through and AWS refuses.
    static func forNewTarget(_ raw: String) throws(KMSError) -> AliasName {
        let name = try forCustomerUse(raw)
        if raw.contains(":") {
            throw KMSError(.validation, "\(raw) contains invalid characters for an alias")
        }
        return name
    }
}
