/// The access decision for a request on a KMS key, combining key policy, IAM policies and grants.
///
/// "When authorizing access to a CMK, AWS KMS evaluates the key policy attached to the CMK, all
/// grants that apply to the CMK, and all IAM policies attached to the IAM user or role making the
/// request." "Remember, though, that IAM policies by themselves are not sufficient to allow access
/// to a KMS CMK. The CMK's key policy must also allow access." (KMS Developer Guide,
/// Understanding Policy Evaluation). In order:
/// 1. An explicit deny in the key policy, then in any IAM policy, wins: "The explicit deny in
///    Charlie's IAM policy overrides the explicit allow in CMK2's key policy." It also overrides
///    grants, since "an explicit deny overrides an explicit allow" (IAM User Guide, Policy
///    evaluation logic).
/// 2. A grant that allows the request allows it: "Use grants in combination with the key policy"
///    (KMS Developer Guide, Managing Access to AWS KMS CMKs). Grants are matched by the caller
///    and passed in as `KeyGrantAllowance`s; they are asked for only when the policies alone do
///    not allow, so a key without grants costs nothing. A grant that names the caller's account
///    (not the caller) allows only with an IAM policy allow, as a key policy naming the account does.
/// 3. A key policy statement that names the caller (user, role of a session, `*`, or the account
///    for the root user) allows a caller of the key's own account: "Alice can access CMK2 because
///    the CMK's key policy explicitly allows her access." The root user needs nothing else: "the
///    root user can access a CMK only when the key policy explicitly allows it."
/// 4. A key policy statement that names the caller's account allows only together with an IAM
///    policy allow: giving the account access "does not by itself give any IAM users or roles
///    access to the CMK, but it enables you to use IAM policies to do so." (Default Key Policy)
/// 5. A caller from another account always needs both: "For principals in other accounts, they
///    must also have identity-based permissions in their account that allow them to access your
///    resource." (IAM JSON policy elements: Principal). Another account's root user counts as
///    having that identity permission, as "all requests are implicitly denied with the exception
///    of the AWS account root user, which has full access" (IAM User Guide, Policy evaluation logic).
/// Services and anonymous callers have no IAM policies: only a key policy statement naming them
/// directly (or a grant) lets them in.
public enum KeyAccessEvaluator {
    public static func evaluate(
        _ request: PolicyRequest,
        keyPolicy: CompiledPolicy,
        identityPolicies: [CompiledPolicy] = [],
        grants: () -> [KeyGrantAllowance] = { [] }
    ) -> PolicyDecision {
        let keyOutcome = keyPolicy.evaluate(request)
        if case .explicitDeny = keyOutcome { return .explicitDeny(in: .resourceBased) }
        var identityAllows = request.principal.isAccountRoot
        for policy in identityPolicies {
            switch policy.evaluate(request) {
            case .explicitDeny: return .explicitDeny(in: .identityBased)
            case .allow: identityAllows = true
            case .notApplicable: break
            }
        }
        let policyDecision = policyDecision(request, keyOutcome: keyOutcome, identityAllows: identityAllows)
        if policyDecision.isAllowed { return policyDecision }
        for grant in grants() where !grant.requiresIdentityPolicy || identityAllows {
            return .allowed(by: .grant(grant.grantID))
        }
        return policyDecision
    }

    /// Steps 3 to 5: what the key policy and IAM policies decide without grants.
    private static func policyDecision(_ request: PolicyRequest, keyOutcome: PolicyOutcome,
                                       identityAllows: Bool) -> PolicyDecision {
        guard case .allow(let match, _) = keyOutcome else { return .implicitDeny(missing: .resourceBased) }
        let caller = request.principal
        let hasIdentityPolicies = caller.kind != .service && caller.kind != .anonymous
        let sameAccount = !hasIdentityPolicies || request.resourceAccountID == nil
            || caller.accountID == request.resourceAccountID
        if match == .direct, sameAccount { return .allowed(by: .keyPolicy) }
        return identityAllows ? .allowed(by: .keyPolicyAndIdentityPolicy) : .implicitDeny(missing: .identityBased)
    }
}

/// A grant on the key that the caller has already matched to this request (grantee, operation
/// and constraints checked), so it allows the request.
///
/// "After the grant has been created, the principal identified in the grant can execute the
/// permitted operations, subject to the defined constraints, for as long as the grant is active."
/// (KMS Developer Guide, Using Grants)
public struct KeyGrantAllowance: Sendable, Hashable {
    public var grantID: String
    /// The grant names the caller's account rather than the caller, so an IAM policy of the
    /// caller must allow the action too (the account root needs none).
    public var requiresIdentityPolicy: Bool

    public init(grantID: String, requiresIdentityPolicy: Bool = false) {
        self.grantID = grantID
        self.requiresIdentityPolicy = requiresIdentityPolicy
    }
}

/// The outcome of an access decision, with what AWS would say about a denial.
public enum PolicyDecision: Sendable, Hashable {
    case allowed(by: PolicyAllowBasis)
    /// A `Deny` statement applied in a policy of this kind.
    case explicitDeny(in: PolicyKind)
    /// No policy of this kind allowed the request (the other one, if needed, did).
    case implicitDeny(missing: PolicyKind)

    public var isAllowed: Bool {
        if case .allowed = self { true } else { false }
    }

    /// The `AccessDeniedException` message for a denial, `nil` when allowed.
    ///
    /// AWS's forms: "User: *arn* is not authorized to perform: *action* on resource: *arn* because
    /// no identity-based policy allows the *action* action", "… because no resource-based policy
    /// allows the *action* action", and "… with an explicit deny in an identity-based policy" /
    /// "… in a resource-based policy" (IAM User Guide, Troubleshoot access denied error messages).
    public func accessDeniedMessage(for request: PolicyRequest) -> String? {
        let head = "User: \(request.principal.arn) is not authorized to perform: \(request.action) on resource: \(request.resource)"
        switch self {
        case .allowed:
            return nil
        case .explicitDeny(let kind):
            return head + " with an explicit deny in " + (kind == .identityBased ? "an identity-based policy" : "a resource-based policy")
        case .implicitDeny(let kind):
            return head + " because no " + (kind == .identityBased ? "identity-based" : "resource-based")
                + " policy allows the \(request.action) action"
        }
    }
}

/// What allowed a request.
public enum PolicyAllowBasis: Sendable, Hashable {
    /// The key policy names the caller.
    case keyPolicy
    /// The key policy names the caller's account (or the caller is from another account) and an
    /// IAM policy of the caller allows the action.
    case keyPolicyAndIdentityPolicy
    /// A grant, by its ID.
    case grant(String)
    /// An IAM policy, where no resource policy applies (or the caller is the account root).
    case identityPolicy
    /// A resource policy other than a key policy (a queue or topic policy) names the caller.
    case resourcePolicy
    /// A resource policy allows the caller's account (or the caller from another account) and an
    /// IAM policy of the caller allows the action.
    case resourcePolicyAndIdentityPolicy
}
