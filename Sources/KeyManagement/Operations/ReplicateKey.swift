import Foundation
import ServiceCalls

/// Replicates a multi-Region primary key into another region of the same account: a key with
/// the same id, spec, usage and key material, and its own description, key policy and tags.
///
/// "To replicate a multi-Region key, you need kms:ReplicateKey permission on the primary key …
/// [and] kms:CreateKey permission in an IAM policy in the replica Region" (KMS API reference,
/// ReplicateKey). The replica starts Creating and becomes Enabled when the lifecycle service
/// next runs, as AWS's does; a replica of a key with imported material has none of it and becomes
/// PendingImport instead, until the same material is imported into it.
public enum ReplicateKey: KMSOperation {
    public static let name = "ReplicateKey"

    public static func perform(_ input: ReplicateKeyRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> ReplicateKeyResponse {
        let region = input.replicaRegion
        let primary = try kms.authorizedKey(input.keyId, accepting: .keyOnly, for: "kms:ReplicateKey",
                                            conditions: KMSConditions().setting("kms:ReplicaRegion", region), context: context)
        let replicaScope = KMSScope(account: primary.scope.account, region: region)
        try kms.authorizeByIdentity("kms:CreateKey", conditions: KMSConditions()
            .setting("kms:KeySpec", primary.keySpec.rawValue).setting("kms:KeyUsage", primary.keyUsage.rawValue)
            .setting("kms:KeyOrigin", primary.origin.rawValue).setting("kms:MultiRegion", "true")
            .setting("kms:MultiRegionKeyType", MultiRegionKeyType.replica.rawValue), context: context)
        let tags = input.tags ?? []
        try TagRules.validate(tags)
        if !tags.isEmpty { try kms.authorizeByIdentity("kms:TagResource", context: context) }
        try primary.requirePrimary()
        guard region != primary.scope.region else {
            throw KMSError(.validation, "The replica Region must be different from the Region of the primary key.")
        }
        let replicaARN = replicaScope.keyARN(primary.id)
        if let policy = input.policy {
            try kms.checkKeyPolicy(policy, keyARN: replicaARN, bypassLockoutCheck: input.bypassPolicyLockoutSafetyCheck ?? false,
                                   context: context)
        }
        let quota = kms.resourceQuotas(primary.scope.account).keys
        let now = kms.now
        let replica = try await kms.ring.write { state throws(KMSError) in
            guard let primary = state.keys[primary.id] else { throw KMSError.keyNotFound(primary.arn) }
            try primary.state.require(.management, keyARN: primary.arn)
            try primary.requirePrimary()
            guard var copies = primary.multiRegion, !copies.regions.contains(region) else {
                throw KMSError(.alreadyExists, "\(replicaARN) already exists.")
            }
            guard state.customerKeyCount(in: replicaScope) < quota else {
                throw KMSError(.limitExceeded, "The request was rejected because the account \(replicaScope.account) already has "
                               + "the maximum of \(quota) KMS keys in \(region).")
            }
            copies.replicaRegions.append(region)
            let replica = KMSKey(
                id: primary.id.inRegion(region), scope: replicaScope, creationDate: now, description: input.description ?? "",
                keyUsage: primary.keyUsage, keySpec: primary.keySpec, origin: primary.origin, keyManager: .customer,
                state: .creating, policy: input.policy ?? DefaultKeyPolicy.document(for: replicaScope.account), tags: tags,
                currentMaterialVersion: primary.currentMaterialVersion, rotations: primary.rotations,
                importedMaterials: primary.importedMaterials.map(\.awaitingImport), multiRegion: copies)
            // Imported material reaches a replica only by being imported into it.
            let shared = primary.origin == .external ? [] : state.materialVersions(of: primary, for: replica.id)
            let changes: [KMSChange] = [.putKey(replica, newMaterial: nil)] + shared.map { .putKey(replica, newMaterial: $0) }
            return (replica, changes + state.settingCopies(copies, of: primary))
        }
        return ReplicateKeyResponse(replicaKeyMetadata: replica.metadata, replicaPolicy: replica.policy,
                                    replicaTags: replica.tags)
    }
}
