import AccessPolicy

/// Who makes a call, as authorization and the audit trail see it: the principal, its IAM
/// policies, and what the policy evaluator needs of it, computed once rather than per request.
///
/// A caller carries no secret: it is what an access key authenticates to, or what a service acts
/// as. IAM identities get theirs from ``IdentityDirectory/Credential``; a service principal
/// (`sns.amazonaws.com` delivering into a queue) from ``service(_:actingFor:)``.
public struct Caller: Sendable {
    public let principal: Principal
    /// The principal's identity-based (IAM) policies, compiled once. A service principal has
    /// none: only resource policies (key policies, queue policies) can allow it anything.
    public var policies: [CompiledPolicy]
    /// The principal as the policy evaluator sees it.
    public let policyPrincipal: PolicyRequestPrincipal
    /// The global condition keys that describe the principal (`aws:PrincipalArn`,
    /// `aws:PrincipalAccount`, `aws:userid`, `aws:PrincipalServiceName`, …).
    public let principalConditions: PolicyConditionContext

    public init(principal: Principal, policies: [CompiledPolicy]) {
        self.principal = principal
        self.policies = policies
        self.policyPrincipal = principal.policyPrincipal
        self.principalConditions = PolicyRequest(principal: policyPrincipal, action: "", resource: "*")
            .addingGlobalKeys(secureTransport: false).context
    }

    /// An AWS service principal acting for `account` (the account of the resource it serves).
    public static func service(_ name: String, actingFor account: AccountID) -> Caller {
        Caller(principal: .service(name, actingFor: account), policies: [])
    }

    public var account: AccountID { principal.account }
}
