import AccessPolicy
import Identity

/// Who is calling and from where: what every operation authorizes and scopes against.
public struct KMSRequestContext: Sendable {
    public var caller: Principal
    /// The region of the request's SigV4 credential scope.
    public var region: String
    public var requestID: String
    /// The caller's identity-based (IAM) policies.
    public var identityPolicies: [CompiledPolicy]
    /// The caller as the policy evaluator sees it.
    public var policyPrincipal: PolicyRequestPrincipal
    /// The global condition keys describing the caller (`aws:PrincipalArn`, …).
    public var principalConditions: PolicyConditionContext
    /// The caller's IP address (`aws:SourceIp`), when the request came over the network.
    public var sourceIP: String?
    /// Told of every key the request authorizes an action on, allowed or not: the `resources`
    /// of its audit record.
    public var onKeyUsed: (@Sendable (KMSKey) -> Void)?

    public init(caller: Principal, region: String, requestID: String, identityPolicies: [CompiledPolicy] = [],
                policyPrincipal: PolicyRequestPrincipal? = nil, principalConditions: PolicyConditionContext? = nil,
                sourceIP: String? = nil, onKeyUsed: (@Sendable (KMSKey) -> Void)? = nil) {
        self.sourceIP = sourceIP
        self.onKeyUsed = onKeyUsed
        self.caller = caller
        self.region = region
        self.requestID = requestID
        self.identityPolicies = identityPolicies
        let principal = policyPrincipal ?? caller.policyPrincipal
        self.policyPrincipal = principal
        self.principalConditions = principalConditions
            ?? PolicyRequest(principal: principal, action: "", resource: "*").addingGlobalKeys(secureTransport: false).context
    }

    /// The caller's own account and region: where new keys and aliases go, and where bare key ids
    /// and alias names are looked up.
    public var scope: KMSScope { KMSScope(account: caller.account, region: region) }
}
