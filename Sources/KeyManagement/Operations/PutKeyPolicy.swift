import ServiceCalls

/// Replaces a key's policy document after validating it.
public enum PutKeyPolicy: KMSOperation {
    public static let name = "PutKeyPolicy"

    public static func perform(_ input: PutKeyPolicyRequest, context: CallContext,
                               service kms: KeyManagementService) async throws -> PutKeyPolicyResponse {
        try KeyPolicyRules.requireDefaultName(input.policyName)
        try await kms.updateKey(input.keyId, for: "kms:PutKeyPolicy",
                                conditions: .bypassLockoutCheck(input.bypassPolicyLockoutSafetyCheck),
                                requiring: .any, context: context) { key throws(KMSError) in
            try kms.checkKeyPolicy(input.policy, keyARN: key.arn,
                                   bypassLockoutCheck: input.bypassPolicyLockoutSafetyCheck ?? false, context: context)
            key.policy = input.policy
        }
        return PutKeyPolicyResponse()
    }
}
