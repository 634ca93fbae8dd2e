/// Who is making a request: an account root user, an IAM user, a role session, a service, ….
///
/// The evaluator matches this against `Principal` elements and fills the `aws:Principal*` keys
/// from it. IAM roles are not callers themselves: "When they use those session credentials to
/// perform operations in AWS, they become a *role session principal*." (IAM JSON policy elements:
/// Principal).
public struct PolicyRequestPrincipal: Sendable, Hashable {
    /// The kinds of caller, named after the values of `aws:PrincipalType`.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case account = "Account"
        case user = "User"
        case assumedRole = "AssumedRole"
        case federatedUser = "FederatedUser"
        case service = "Service"
        case anonymous = "Anonymous"
    }

    public var kind: Kind
    /// The caller's account, or `nil` for services and anonymous callers.
    public var accountID: String?
    /// The caller's ARN: the session ARN for a role session, the service name for a service.
    public var arn: String
    /// The unique ID that `aws:userid` reports, such as `AIDACKCEVSQ6C2EXAMPLE`.
    public var userID: String?
    /// The IAM user name, for IAM users only (`aws:username`).
    public var userName: String?
    /// For role sessions: the role's name and the role's ARN (which `aws:PrincipalArn` reports).
    public var roleName: String?
    public var roleARN: String?
    /// The partition of the caller's ARN, such as `aws` or `aws-cn`.
    public var partition: String?

    /// Whether the caller is the account root user, which "has full access" in its own account.
    public var isAccountRoot: Bool { kind == .account }

    /// The account root user of `accountID`.
    public static func root(accountID: String, partition: String = "aws") -> Self {
        Self(
            kind: .account, accountID: accountID, arn: "arn:\(partition):iam::\(accountID):root",
            userID: accountID, partition: partition
        )
    }

    /// A service principal such as `ses.amazonaws.com`.
    public static func service(_ name: String) -> Self {
        Self(kind: .service, arn: name)
    }

    /// An unauthenticated caller.
    public static let anonymous = Self(kind: .anonymous, arn: "anonymous")

    /// Classifies a caller by its ARN: `…:root`, `…:user/…`, `…:assumed-role/…/…` or `…:federated-user/…`.
    ///
    /// Returns `nil` for anything else, including a role ARN (a role only acts through sessions).
    /// For a session, `roleARN` defaults to `arn:partition:iam::account:role/name`; pass the real
    /// one when the role has a path.
    public init?(arn: String, userID: String? = nil, roleARN: String? = nil) {
        switch PolicyPrincipalIdentity(aws: arn) {
        case .account(let partition?, let accountID):
            self = .root(accountID: accountID, partition: partition)
        case .user(let partition, let accountID, _, let name):
            self.init(kind: .user, accountID: accountID, arn: arn, userID: userID, userName: name, partition: partition)
        case .assumedRole(let partition, let accountID, let roleName, _):
            self.init(
                kind: .assumedRole, accountID: accountID, arn: arn, userID: userID, roleName: roleName,
                roleARN: roleARN ?? "arn:\(partition):iam::\(accountID):role/\(roleName)", partition: partition
            )
        case .federatedUser(let partition, let accountID, _):
            self.init(kind: .federatedUser, accountID: accountID, arn: arn, userID: userID, partition: partition)
        default:
            return nil
        }
    }

    public init(
        kind: Kind,
        accountID: String? = nil,
        arn: String,
        userID: String? = nil,
        userName: String? = nil,
        roleName: String? = nil,
        roleARN: String? = nil,
        partition: String? = nil
    ) {
        self.kind = kind
        self.accountID = accountID
        self.arn = arn
        self.userID = userID
        self.userName = userName
        self.roleName = roleName
        self.roleARN = roleARN
        self.partition = partition
    }
}
