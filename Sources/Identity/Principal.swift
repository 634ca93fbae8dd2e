import AccessPolicy

/// Who is calling: an authenticated IAM identity of one account, or an AWS service principal
/// acting for one (SNS delivering into a queue as `sns.amazonaws.com`).
public struct Principal: Hashable, Sendable {
    public enum Kind: String, Sendable {
        case root = "Account"
        case user = "User"
        case role = "AssumedRole"
        case service = "Service"
    }

    /// The principal's account; for a service principal, the account it acts for.
    public var account: AccountID
    public var kind: Kind
    /// The ARN: `arn:aws:iam::111122223333:root`, `…:user/path/alice`, or for a role session
    /// `arn:aws:sts::111122223333:assumed-role/admin/session`; for a service, its name
    /// (`sns.amazonaws.com`).
    public var arn: String
    /// The friendly name (`alice`), nil for the account root.
    public var name: String?
    /// The unique id AWS reports as `aws:userid` (the account id for the root).
    public var userID: String
    /// For a role session: the role's ARN, with its path.
    public var roleARN: String?

    public init(account: AccountID, kind: Kind, arn: String, name: String?, userID: String, roleARN: String? = nil) {
        self.account = account
        self.kind = kind
        self.arn = arn
        self.name = name
        self.userID = userID
        self.roleARN = roleARN
    }

    /// The principal as the policy evaluator sees it.
    ///
    /// - Important: a service principal is only ever `Service`; it never falls back to its
    ///   account's root, which would give it the account's permissions.
    public var policyPrincipal: PolicyRequestPrincipal {
        if kind == .service { return .service(arn) }
        return PolicyRequestPrincipal(arn: arn, userID: userID, roleARN: roleARN) ?? .root(accountID: account.rawValue)
    }

    /// An AWS service principal (`sns.amazonaws.com`) acting for `account`.
    public static func service(_ name: String, actingFor account: AccountID) -> Principal {
        Principal(account: account, kind: .service, arn: name, name: name, userID: name)
    }

    public static func root(of account: AccountID) -> Principal {
        Principal(account: account, kind: .root, arn: "arn:aws:iam::\(account):root", name: nil,
                  userID: account.rawValue)
    }

    public static func user(_ name: String, path: String = "/", in account: AccountID, userID: String) -> Principal {
        Principal(account: account, kind: .user, arn: "arn:aws:iam::\(account):user\(path)\(name)", name: name,
                  userID: userID)
    }
}
