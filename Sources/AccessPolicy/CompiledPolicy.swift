/// A parsed policy prepared for evaluation: built once when the policy is loaded, then used for
/// any number of decisions without reparsing JSON or recompiling patterns.
///
/// Action patterns are lowercased, resource patterns split into ARN fields, condition values
/// parsed (numbers, dates, CIDR ranges, Base64) and condition keys lowercased here, once.
/// Only values holding policy variables are finished per request, since they depend on it.
public struct CompiledPolicy: Sendable, Equatable {
    let statements: [CompiledStatement]

    public init(_ document: PolicyDocument) {
        let variables = document.version == .v2012_10_17
        statements = document.statements.map { CompiledStatement($0, variables: variables, defaultResource: nil) }
    }

    /// A role's trust policy, whose statements usually have no `Resource`: it is the role they
    /// are attached to ("In a trust policy … the Resource element is not used; the resource is
    /// the role itself", IAM User Guide, Role trust policies).
    public init(trustPolicy document: PolicyDocument) {
        let variables = document.version == .v2012_10_17
        statements = document.statements.map { CompiledStatement($0, variables: variables, defaultResource: "*") }
    }

    private init(statements: [CompiledStatement]) {
        self.statements = statements
    }

    /// A policy with no statements: it allows nothing.
    public static let empty = CompiledPolicy(statements: [])

    /// What this one policy says about `request`.
    ///
    /// "An explicit deny in any of these policies overrides the allow." (IAM User Guide, Policy
    /// evaluation logic). Among allows, one that covers the caller directly wins over one that only
    /// names the caller's account.
    public func evaluate(_ request: PolicyRequest) -> PolicyOutcome {
        var allow: (match: PolicyPrincipalMatch, statement: Int)?
        for (index, statement) in statements.enumerated() {
            guard let match = statement.applies(to: request) else { continue }
            switch statement.effect {
            case .deny:
                return .explicitDeny(statement: index)
            case .allow:
                if allow == nil || (allow?.match == .account && match == .direct) { allow = (match, index) }
            }
        }
        return allow.map { .allow($0.match, statement: $0.statement) } ?? .notApplicable
    }
}

/// What one policy says about a request.
public enum PolicyOutcome: Sendable, Hashable {
    /// A `Deny` statement applies (its index in the document).
    case explicitDeny(statement: Int)
    /// An `Allow` statement applies and no `Deny` does.
    case allow(PolicyPrincipalMatch, statement: Int)
    /// No statement applies: "If you don't explicitly allow access to a CMK, access is implicitly
    /// denied." (KMS Developer Guide, Overview of Key Policies)
    case notApplicable
}

/// One statement, prepared.
struct CompiledStatement: Sendable, Equatable {
    let effect: PolicyEffect
    private let principal: PolicyPrincipalMatcher?
    private let actionsNegated: Bool
    private let actions: [PolicyPattern]
    private let resourcesNegated: Bool
    /// `nil` when the statement has no `Resource`: "If either of the required Resource or Action
    /// elements are missing from a key policy statement, the policy statement has no effect."
    private let resources: [PolicyValueMatcher]?
    private let conditions: [PolicyConditionEvaluator]

    init(_ statement: PolicyStatement, variables: Bool, defaultResource: String?) {
        effect = statement.effect
        principal = statement.principal.map(PolicyPrincipalMatcher.init)
        actionsNegated = statement.action.isNegated
        actions = statement.action.actions.map { PolicyPattern(wildcards: $0.lowercased()) }
        resourcesNegated = statement.resource?.isNegated ?? false
        resources = (statement.resource?.resources ?? defaultResource.map { [$0] })?.map {
            PolicyValueMatcher($0, comparison: .arn, variables: variables)
        }
        conditions = statement.conditions.map { PolicyConditionEvaluator($0, variables: variables) }
    }

    /// How the statement covers the request, or `nil` when it does not apply.
    ///
    /// A statement without a principal is part of an identity policy and covers its own caller.
    /// `Action` matching ignores case; `Resource` matching does not (see `PolicyWildcard`), and
    /// compares ARNs field by field like `ArnLike`. `NotAction`/`NotResource` apply to
    /// everything they do not match. All conditions must hold.
    func applies(to request: PolicyRequest) -> PolicyPrincipalMatch? {
        let match: PolicyPrincipalMatch
        if let principal {
            guard let found = principal.match(request.principal) else { return nil }
            match = found
        } else {
            match = .direct
        }
        let actionListed = actions.contains { $0.matches(request.loweredAction) }
        guard actionListed != actionsNegated, let resources else { return nil }
        let resourceListed = resources.contains { $0.matches(request.resource, in: request.context) }
        guard resourceListed != resourcesNegated else { return nil }
        guard conditions.allSatisfy({ $0.holds(in: request.context) }) else { return nil }
        return match
    }
}
