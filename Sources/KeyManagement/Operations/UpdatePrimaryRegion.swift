import ServiceCalls

/// Makes the replica in `PrimaryRegion` the primary key and the current primary a replica; the
/// automatic rotation schedule moves with the primary.
///
/// "This operation changes the replica key in the specified Region to a primary key and changes
/// the former primary key to a replica key" and needs kms:UpdatePrimaryRegion "on the current
/// primary key (in the primary key's Region)" and "on the current replica key (in the replica
/// key's Region)" (KMS API reference, UpdatePrimaryRegion).
public enum UpdatePrimaryRegion: KMSOperation {
    public static let name = "UpdatePrimaryRegion"

    public static func perform(_ input: UpdatePrimaryRegionRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> UpdatePrimaryRegionResponse {
        let region = input.primaryRegion
        let conditions = KMSConditions().setting("kms:PrimaryRegion", region)
        let primary = try kms.authorizedKey(input.keyId, accepting: .keyOnly, for: "kms:UpdatePrimaryRegion",
                                            conditions: conditions, context: context)
        try primary.requirePrimary()
        guard let replica = kms.ring.read({ $0.keys[primary.id.inRegion(region)] }), region != primary.scope.region else {
            throw KMSError(.notFound, "\(KMSScope(account: primary.scope.account, region: region).keyARN(primary.id)) does not exist.")
        }
        try kms.authorize(replica, "kms:UpdatePrimaryRegion", conditions: conditions, context: context)
        try await kms.ring.write { state throws(KMSError) in
            guard let primary = state.keys[primary.id], var copies = primary.multiRegion,
                  let replica = state.keys[replica.id] else { throw KMSError.keyNotFound(primary.arn) }
            try primary.requirePrimary()
            // Both copies must be Enabled or Disabled, as for EnableKey and DisableKey.
            try primary.state.require(.enablement, keyARN: primary.arn)
            try replica.state.require(.enablement, keyARN: replica.arn)
            copies.replicaRegions = copies.replicaRegions.map { $0 == region ? primary.scope.region : $0 }
            copies.primaryRegion = region
            // The automatic rotation schedule moves with the primary role.
            return ((), state.settingCopies(copies, of: primary) { copy in
                if copy.id == replica.id { copy.rotation = primary.rotation }
                if copy.id == primary.id { copy.rotation = nil }
            })
        }
        return UpdatePrimaryRegionResponse()
    }
}
