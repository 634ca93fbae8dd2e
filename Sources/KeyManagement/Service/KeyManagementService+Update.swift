extension KeyManagementService {
    /// Resolves a key (key id or ARN), checks its state, applies `change` and persists the result.
    func updateKey(_ identifier: String, requiring requirement: KeyStateRequirement, context: KMSRequestContext,
                   _ change: @escaping @Sendable (inout KMSKey) throws(KMSError) -> Void) async throws {
        let id = try resolveKey(identifier, accepting: .keyOnly, context: context).id
        try await ring.write { state throws(KMSError) in
            guard var key = state.keys[id] else { throw KMSError.keyNotFound(context.scope.keyARN(id)) }
            try key.state.require(requirement, keyARN: key.arn)
            let before = key
            try change(&key)
            return ((), key == before ? [] : [.putKey(key, newMaterial: nil)])
        }
    }
}
