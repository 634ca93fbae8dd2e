/// Everything a policy decision looks at: who asks, for which action, on which resource, and the
/// request's condition keys.
///
/// "AWS gathers the request information into a *request context*, which is used to evaluate and
/// authorize the request." (IAM User Guide, Policy evaluation logic). Time enters only through
/// the context (`aws:CurrentTime`, `aws:EpochTime`): the evaluator never reads a clock.
public struct PolicyRequest: Sendable, Equatable {
    public var principal: PolicyRequestPrincipal
    /// The action as the caller named it, such as `kms:Encrypt`; it appears in denial messages.
    public let action: String
    /// The resource ARN, such as `arn:aws:kms:us-west-2:111122223333:key/1234abcd-…`.
    public var resource: String
    /// The account that owns the resource; by default the account field of `resource`.
    public var resourceAccountID: String?
    public var context: PolicyConditionContext
    /// `action`, lowercased once: "action names are case insensitive" (IAM JSON policy elements: Action).
    let loweredAction: String

    public init(
        principal: PolicyRequestPrincipal,
        action: String,
        resource: String,
        context: PolicyConditionContext = PolicyConditionContext()
    ) {
        self.principal = principal
        self.action = action
        self.loweredAction = action.lowercased()
        self.resource = resource
        self.context = context
        let fields = resource.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        self.resourceAccountID = fields.count == 6 && !fields[4].isEmpty ? String(fields[4]) : nil
    }

    /// Adds the AWS global condition keys that describe the principal and the request.
    ///
    /// Principal keys come from `principal`: `aws:PrincipalArn`, which for a role session is the
    /// role's ARN ("the role session principal is granted the permissions based on the ARN of role
    /// that was assumed, and not the ARN of the resulting session" — IAM JSON policy elements:
    /// Principal), `aws:PrincipalAccount`, `aws:PrincipalType`,
    /// `aws:userid`, `aws:username` (IAM users only) and `aws:PrincipalServiceName`. The rest
    /// are added when given: `aws:CurrentTime` (ISO 8601, UTC) and `aws:EpochTime` from
    /// `epochSeconds`, `aws:SourceIp`, `aws:SecureTransport` and `aws:RequestedRegion`.
    public func addingGlobalKeys(
        epochSeconds: Int64? = nil,
        sourceIP: String? = nil,
        secureTransport: Bool? = nil,
        requestedRegion: String? = nil
    ) -> PolicyRequest {
        var copy = self
        var context = copy.context
        let principal = copy.principal
        switch principal.kind {
        case .service:
            context["aws:PrincipalServiceName"] = .single(principal.arn)
        case .anonymous:
            break
        default:
            context["aws:PrincipalArn"] = .single(principal.roleARN ?? principal.arn)
        }
        context["aws:PrincipalType"] = .single(principal.kind.rawValue)
        if let accountID = principal.accountID { context["aws:PrincipalAccount"] = .single(accountID) }
        if let userID = principal.userID { context["aws:userid"] = .single(userID) }
        if principal.kind == .user, let userName = principal.userName { context["aws:username"] = .single(userName) }
        if let epochSeconds {
            context["aws:CurrentTime"] = .single(PolicyTimestamp.iso8601(epochSeconds: epochSeconds))
            context["aws:EpochTime"] = .single(String(epochSeconds))
        }
        if let sourceIP { context["aws:SourceIp"] = .single(sourceIP) }
        if let secureTransport { context["aws:SecureTransport"] = .single(secureTransport ? "true" : "false") }
        if let requestedRegion { context["aws:RequestedRegion"] = .single(requestedRegion) }
        copy.context = context
        return copy
    }
}
