import ServiceCalls

/// Returns a key's policy document exactly as it was stored.
public enum GetKeyPolicy: KMSOperation {
    public static let name = "GetKeyPolicy"

    public static func perform(_ input: GetKeyPolicyRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> GetKeyPolicyResponse {
        let key = try kms.authorizedKey(input.keyId, accepting: .keyOnly, for: "kms:GetKeyPolicy", context: context)
        try KeyPolicyRules.requireDefaultName(input.policyName)
        return GetKeyPolicyResponse(policy: key.policy, policyName: DefaultKeyPolicy.name)
    }
}

extension KeyPolicyRules {
    /// "The only valid policy name is `default`" (KMS API reference, GetKeyPolicy / PutKeyPolicy).
    static func requireDefaultName(_ name: String?) throws(KMSError) {
        if let name, name != DefaultKeyPolicy.name {
            throw KMSError(.notFound, "No such policy exists")
        }
    }
}
