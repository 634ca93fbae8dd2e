/// One statement of a policy document.
///
/// ```
/// <statement> = {
///     <sid_block?>, <principal_block?>, <effect_block>,
///     <action_block>, <resource_block>, <condition_block?>
/// }
/// ```
/// (IAM JSON policy grammar). A KMS key policy may leave out `Resource`: "If either of the
/// required Resource or Action elements are missing from a key policy statement, the policy
/// statement has no effect." (botocore KMS model, `PutKeyPolicy`).
public struct PolicyStatement: Sendable, Equatable {
    /// The optional statement identifier, as written.
    ///
    /// IAM allows only `[A-Za-z0-9]` here, but key policies use free text such as
    /// "Enable IAM User Permissions" (KMS Developer Guide, Default Key Policy), so any string is kept.
    public var sid: String?
    public var effect: PolicyEffect
    /// `Principal` or `NotPrincipal`; `nil` only in identity-based policies.
    public var principal: PolicyPrincipalBlock?
    public var action: PolicyActionBlock
    /// `Resource` or `NotResource`; always present in identity-based policies.
    public var resource: PolicyResourceBlock?
    /// Every (operator, key, values) triple of the `Condition` element, in document order.
    public var conditions: [PolicyCondition]

    public init(
        sid: String? = nil,
        effect: PolicyEffect,
        principal: PolicyPrincipalBlock? = nil,
        action: PolicyActionBlock,
        resource: PolicyResourceBlock? = nil,
        conditions: [PolicyCondition] = []
    ) {
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.action = action
        self.resource = resource
        self.conditions = conditions
    }
}

/// Whether a statement allows or denies what it matches.
///
/// `<effect_block> = "Effect" : ("Allow" | "Deny")` (IAM JSON policy grammar); the match is
/// case-sensitive, so `"allow"` is refused.
public enum PolicyEffect: String, Sendable, Hashable, CaseIterable {
    case allow = "Allow"
    case deny = "Deny"
}

/// The `Action` or `NotAction` element of a statement.
///
/// `<action_block> = ("Action" | "NotAction") : ("*" | [<action_string>, <action_string>, ...])`
/// (IAM JSON policy grammar). Each action is `*` or `vendor:action`, where the action part may hold
/// the wildcards `*` and `?`, for example `kms:ReEncrypt*` (KMS Developer Guide, Default Key Policy).
public struct PolicyActionBlock: Sendable, Equatable {
    public enum Element: String, Sendable, Hashable {
        case action = "Action"
        case notAction = "NotAction"
    }

    /// Which of the two elements the statement used.
    public var element: Element
    /// The action patterns exactly as written (their case is kept; matching ignores it).
    public var actions: [String]

    public init(_ element: Element, _ actions: [String]) {
        self.element = element
        self.actions = actions
    }

    /// `true` for `NotAction`, whose statement applies to every action the list does not match.
    public var isNegated: Bool { element == .notAction }
}

/// The `Resource` or `NotResource` element of a statement.
///
/// `<resource_block> = ("Resource" | "NotResource") : ("*" | [<resource_string>, ...])`
/// (IAM JSON policy grammar). "In a key policy, you use "*" for the resource, which effectively
/// means "this CMK."" (KMS Developer Guide, Specifying Permissions in a Policy).
public struct PolicyResourceBlock: Sendable, Equatable {
    public enum Element: String, Sendable, Hashable {
        case resource = "Resource"
        case notResource = "NotResource"
    }

    /// Which of the two elements the statement used.
    public var element: Element
    /// The resource patterns exactly as written: `*` or ARNs that may hold `*` and `?`.
    public var resources: [String]

    public init(_ element: Element, _ resources: [String]) {
        self.element = element
        self.resources = resources
    }

    /// `true` for `NotResource`, whose statement applies to every resource the list does not match.
    public var isNegated: Bool { element == .notResource }
}
