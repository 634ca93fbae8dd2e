/// The access decision for a resource whose resource-based policy is optional and not the root of
/// trust: an SQS queue policy, an SNS topic policy. (A KMS key policy is the root of trust and
/// has its own rules: ``KeyAccessEvaluator``.)
///
/// The IAM User Guide's policy evaluation logic, in order:
/// 1. "An explicit deny in any of these policies overrides the allow": a `Deny` in the resource
///    policy, then in an identity policy, wins.
/// 2. Within one account, "if the action is allowed by an identity-based policy, a resource-based
///    policy, or both, then AWS allows the action" (Policy evaluation logic, "Identity-based
///    policies with resource-based policies"). A resource policy statement naming the caller
///    (user, role session, `*`) allows it alone; one naming the account delegates to the account,
///    so the caller's identity policies must allow too. The account root has full access to its
///    own account's resources.
/// 3. Across accounts, "the trusted account's identity-based policy and the resource-based policy
///    must both allow the request" (Cross-account policy evaluation logic). Another account's
///    root user counts as its own account's identity allow.
/// 4. Services (`sns.amazonaws.com`) and anonymous callers have no identity policies: only a
///    resource policy statement naming them directly lets them in ("If the principal is an AWS
///    service, then the Amazon SQS queue policy must explicitly allow access", SQS Developer
///    Guide, Troubleshoot an access denied error).
public enum ResourcePolicyEvaluator {
    public static func evaluate(_ request: PolicyRequest, resourcePolicy: CompiledPolicy?,
                                identityPolicies: [CompiledPolicy] = []) -> PolicyDecision {
        let resourceOutcome = resourcePolicy?.evaluate(request) ?? .notApplicable
        if case .explicitDeny = resourceOutcome { return .explicitDeny(in: .resourceBased) }
        let caller = request.principal
        let hasIdentity = caller.kind != .service && caller.kind != .anonymous
        var identityAllows = false
        if hasIdentity {
            let identity = IdentityPolicyEvaluator.evaluate(request, identityPolicies: identityPolicies)
            if case .explicitDeny = identity { return identity }
            identityAllows = identity.isAllowed
        }
        let resourceAllows: PolicyPrincipalMatch?
        if case .allow(let match, _) = resourceOutcome { resourceAllows = match } else { resourceAllows = nil }
        let sameAccount = hasIdentity && (request.resourceAccountID == nil || caller.accountID == request.resourceAccountID)

        if sameAccount {
            if resourceAllows == .direct { return .allowed(by: .resourcePolicy) }
            if identityAllows {
                return resourceAllows == nil ? .allowed(by: .identityPolicy) : .allowed(by: .resourcePolicyAndIdentityPolicy)
            }
            // Nothing allows: the message names the identity policy, as the one the caller's own
            // account controls (a resource policy naming only the account needs it as well).
            return .implicitDeny(missing: .identityBased)
        }
        guard let resourceAllows else { return .implicitDeny(missing: .resourceBased) }
        if !hasIdentity {
            return resourceAllows == .direct ? .allowed(by: .resourcePolicy) : .implicitDeny(missing: .resourceBased)
        }
        return identityAllows ? .allowed(by: .resourcePolicyAndIdentityPolicy) : .implicitDeny(missing: .identityBased)
    }
}
