import Foundation
import Synchronization

/// An IAM user created through the IAM API (users declared in the config file are read-only).
public struct IAMUser: Sendable, Equatable, Codable {
    public var account: AccountID
    public var name: String
    public var path: String
    /// The unique id (`AIDA…`) `aws:userid` reports.
    public var userID: String
    public var createDate: Date
    /// Inline policies, in the order they were first put.
    public var inlinePolicies: [IAMInlinePolicy]

    public init(account: AccountID, name: String, path: String, userID: String, createDate: Date,
                inlinePolicies: [IAMInlinePolicy] = []) {
        self.account = account
        self.name = name
        self.path = path
        self.userID = userID
        self.createDate = createDate
        self.inlinePolicies = inlinePolicies
    }

    public var principal: Principal { .user(name, path: path, in: account, userID: userID) }
    public var arn: String { principal.arn }
}

/// An IAM role created through the IAM API (roles declared in the config file are read-only).
public struct IAMRole: Sendable, Equatable, Codable {
    public var account: AccountID
    public var name: String
    public var path: String
    /// The unique id (`AROA…`).
    public var roleID: String
    public var createDate: Date
    /// The trust policy (`AssumeRolePolicyDocument`) as the caller sent it.
    public var trustPolicy: String
    public var description: String?
    public var maxSessionDuration: Int
    public var inlinePolicies: [IAMInlinePolicy]

    public init(account: AccountID, name: String, path: String, roleID: String, createDate: Date, trustPolicy: String,
                description: String?, maxSessionDuration: Int, inlinePolicies: [IAMInlinePolicy] = []) {
        self.account = account
        self.name = name
        self.path = path
        self.roleID = roleID
        self.createDate = createDate
        self.trustPolicy = trustPolicy
        self.description = description
        self.maxSessionDuration = maxSessionDuration
        self.inlinePolicies = inlinePolicies
    }

    public var arn: String { "arn:aws:iam::\(account):role\(path)\(name)" }
}

/// An inline identity-based policy: a name and its JSON document as the caller sent it.
public struct IAMInlinePolicy: Sendable, Equatable, Codable {
    public var name: String
    public var document: String

    public init(name: String, document: String) {
        self.name = name
        self.document = document
    }
}

/// An access key of an IAM user created through the API.
///
/// - Important: the secret is stored only wrapped under the root key and returned only once, by
///   CreateAccessKey.
public struct IAMAccessKey: Sendable, Equatable, Codable {
    public var id: String
    public var secretAccessKey: String
    public var userARN: String
    public var userName: String
    public var account: AccountID
    public var isActive: Bool
    public var createDate: Date

    public init(id: String, secretAccessKey: String, userARN: String, userName: String, account: AccountID,
                isActive: Bool, createDate: Date) {
        self.id = id
        self.secretAccessKey = secretAccessKey
        self.userARN = userARN
        self.userName = userName
        self.account = account
        self.isActive = isActive
        self.createDate = createDate
    }
}

/// A durable change to IAM state, applied to storage first and to memory once storage has it.
public enum IAMChange: Sendable {
    case putUser(IAMUser)
    case deleteUser(IAMUser)
    case putAccessKey(IAMAccessKey)
    case deleteAccessKey(IAMAccessKey)
    case putRole(IAMRole)
    case deleteRole(IAMRole)
}

/// Everything the IAM API created, as loaded at start.
public struct IAMSnapshot: Sendable {
    public var users: [IAMUser]
    public var accessKeys: [IAMAccessKey]
    public var roles: [IAMRole]

    public init(users: [IAMUser] = [], accessKeys: [IAMAccessKey] = [], roles: [IAMRole] = []) {
        self.users = users
        self.accessKeys = accessKeys
        self.roles = roles
    }
}

/// Durable storage for what the IAM API creates, implemented by the `Storage` module.
///
/// - Important: `apply` must not return before the changes are durable, and must store access
///   key secrets only wrapped under the root key.
public protocol IAMStore: Sendable {
    func load() async throws -> IAMSnapshot
    /// Applies changes atomically: all of them or none.
    func apply(_ changes: [IAMChange]) async throws
}

/// Keeps IAM changes in memory only: for tests and tools.
public final class InMemoryIAMStore: IAMStore {
    private let snapshot = Mutex(IAMSnapshot())

    public init() {}

    public func load() async throws -> IAMSnapshot { snapshot.withLock { $0 } }

    public func apply(_ changes: [IAMChange]) async throws {
        snapshot.withLock { snapshot in
            for change in changes {
                switch change {
                case .putUser(let user):
                    snapshot.users.removeAll { $0.arn == user.arn }
                    snapshot.users.append(user)
                case .deleteUser(let user):
                    snapshot.users.removeAll { $0.arn == user.arn }
                case .putAccessKey(let key):
                    snapshot.accessKeys.removeAll { $0.id == key.id }
                    snapshot.accessKeys.append(key)
                case .deleteAccessKey(let key):
                    snapshot.accessKeys.removeAll { $0.id == key.id }
                case .putRole(let role):
                    snapshot.roles.removeAll { $0.arn == role.arn }
                    snapshot.roles.append(role)
                case .deleteRole(let role):
                    snapshot.roles.removeAll { $0.arn == role.arn }
                }
            }
        }
    }
}
