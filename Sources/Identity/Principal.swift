import AccessPolicy

/// Who is calling: an authenticated IAM identity of one account.
public struct Principal: Hashable, Sendable {
    public enum Kind: String, Sendable {
        case root = "Account"
        case user = "User"
        case role = "AssumedRole"
    }

    public var account: AccountID
    public var kind: Kind
    /// The ARN: `arn:aws:iam::111122223333:root`, `…:user/path/alice`, or for a role session
    /// `arn:aws:sts::111122223333:assumed-role/admin/session`.
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
    public var policyPrincipal: PolicyRequestPrincipal {
        PolicyRequestPrincipal(arn: arn, userID: userID, roleARN: roleARN) ?? .root(accountID: account.rawValue)
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
