import Foundation

/// Temporary credentials STS `AssumeRole` issued: an access key id (`ASIA…`), a secret, a
/// session token and an expiration, acting as one session of one role.
///
/// "When they use those session credentials to perform operations in AWS, they become a *role
/// session principal*" whose ARN is `arn:aws:sts::<account>:assumed-role/<role>/<session>`
/// (IAM JSON policy elements: Principal).
public struct RoleSession: Sendable, Equatable, Codable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String
    public var expiration: Date
    public var account: AccountID
    public var roleName: String
    /// The role's path, `/` unless the role was declared with one.
    public var rolePath: String
    /// The role's unique id (`AROA…`); the session's `aws:userid` is `<role id>:<session name>`.
    public var roleID: String
    public var sessionName: String
    /// Whether the caller was itself a role session ("role chaining"), which limits a session to one hour.
    public var chained: Bool

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String, expiration: Date,
                account: AccountID, roleName: String, rolePath: String, roleID: String, sessionName: String,
                chained: Bool) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.account = account
        self.roleName = roleName
        self.rolePath = rolePath
        self.roleID = roleID
        self.sessionName = sessionName
        self.chained = chained
    }

    public var roleARN: String { "arn:aws:iam::\(account):role\(rolePath)\(roleName)" }
    public var assumedRoleARN: String { "arn:aws:sts::\(account):assumed-role/\(roleName)/\(sessionName)" }
    public var assumedRoleID: String { "\(roleID):\(sessionName)" }

    /// The session as a caller.
    public var principal: Principal {
        Principal(account: account, kind: .role, arn: assumedRoleARN, name: sessionName, userID: assumedRoleID,
                  roleARN: roleARN)
    }
}
