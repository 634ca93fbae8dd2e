/// The access decision where only identity-based policies apply: actions on no resource policy's
/// resource (KMS CreateKey, ListKeys, alias permissions; IAM and STS actions on the caller's
/// account).
///
/// "An explicit deny in any of these policies overrides the allow"; without an allow the request
/// is implicitly denied, "with the exception of the AWS account root user, which has full
/// access" (IAM User Guide, Policy evaluation logic).
public enum IdentityPolicyEvaluator {
    public static func evaluate(_ request: PolicyRequest, identityPolicies: [CompiledPolicy]) -> PolicyDecision {
        var allowed = request.principal.isAccountRoot
        for policy in identityPolicies {
            switch policy.evaluate(request) {
            case .explicitDeny: return .explicitDeny(in: .identityBased)
            case .allow: allowed = true
            case .notApplicable: break
            }
        }
        return allowed ? .allowed(by: .identityPolicy) : .implicitDeny(missing: .identityBased)
    }
}
