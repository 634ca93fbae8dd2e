import Foundation

extension KeyManagementService {
    /// The AWS managed key of an integrated service in a scope, created with its alias on first
    /// use: KeyManager AWS, the service's policy, and yearly rotation.
    public func awsManagedKey(for service: String, in scope: KMSScope) async throws -> KMSKey {
        let alias = try AliasName("alias/aws/\(service)")
        if let existing = ring.read({ state in state.aliases[scope]?[alias.rawValue].flatMap { state.keys[$0.targetKeyID] } }) {
            return existing
        }
        let now = self.now
        let id = KeyID(dependencies.uuid())!
        let material = KeyMaterial(keyID: id, version: 1, key: newSymmetricKey())
        return try await ring.write { state throws(KMSError) in
            // Another request may have created it meanwhile.
            if let existing = state.aliases[scope]?[alias.rawValue].flatMap({ state.keys[$0.targetKeyID] }) {
                return (existing, [])
            }
            let key = KMSKey(id: id, scope: scope, creationDate: now,
                             description: AWSManagedKeys.services[service]?.description ?? "", keyUsage: .encryptDecrypt,
                             keySpec: .symmetricDefault, origin: .awsKms, keyManager: .aws, state: .enabled,
                             policy: AWSManagedKeys.policy(service: service, scope: scope), tags: [], currentMaterialVersion: 1,
                             rotation: RotationSchedule(periodInDays: RotationSchedule.defaultPeriodInDays,
                                                        nextRotationDate: now.addingTimeInterval(365 * 86_400)))
            let entry = KMSAlias(name: alias, scope: scope, targetKeyID: id, creationDate: now, lastUpdatedDate: now)
            return (key, [.putKey(key, newMaterial: material), .putAlias(entry)])
        }
    }
}
