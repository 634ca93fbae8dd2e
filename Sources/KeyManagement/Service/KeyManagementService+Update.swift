import ServiceCalls

extension KeyManagementService {
    /// Resolves a key (key id or ARN), authorizes `action`, checks the key's state, applies
    /// `change` and persists the result, which it returns.
    @discardableResult
    func updateKey(_ identifier: String, for action: String, conditions: KMSConditions = KMSConditions(),
                   requiring requirement: KeyStateRequirement, context: CallContext,
                   _ change: @escaping @Sendable (inout KMSKey) throws(KMSError) -> Void) async throws -> KMSKey {
        let id = try authorizedKey(identifier, accepting: .keyOnly, for: action, conditions: conditions, context: context).id
        return try await ring.write { state throws(KMSError) in
            guard var key = state.keys[id] else { throw KMSError.keyNotFound(context.scope.keyARN(id)) }
            try key.state.require(requirement, keyARN: key.arn)
            let before = key
            try change(&key)
            return (key, key == before ? [] : [.putKey(key, newMaterial: nil)])
        }
    }
}
