import Foundation
import Synchronization

/// A durable change to IAM state, applied to storage first and to memory once storage has it.
public enum IAMChange: Sendable {
    case putUser(IAMUser)
    case deleteUser(IAMUser)
    case putAccessKey(IAMAccessKey)
    case deleteAccessKey(IAMAccessKey)
    case putRole(IAMRole)
    case deleteRole(IAMRole)
    case putGroup(IAMGroup)
    case deleteGroup(IAMGroup)
    case putPolicy(IAMManagedPolicy)
    case deletePolicy(IAMManagedPolicy)
}

/// Everything the IAM API created, as loaded at start.
public struct IAMSnapshot: Sendable {
    public var users: [IAMUser]
    public var accessKeys: [IAMAccessKey]
    public var roles: [IAMRole]
    public var groups: [IAMGroup]
    public var policies: [IAMManagedPolicy]

    public init(users: [IAMUser] = [], accessKeys: [IAMAccessKey] = [], roles: [IAMRole] = [],
                groups: [IAMGroup] = [], policies: [IAMManagedPolicy] = []) {
        self.users = users
        self.accessKeys = accessKeys
        self.roles = roles
        self.groups = groups
        self.policies = policies
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
                case .putUser(let user): Self.replace(\.arn, user, in: &snapshot.users)
                case .deleteUser(let user): Self.replace(\.arn, user, in: &snapshot.users, keeping: false)
                case .putAccessKey(let key): Self.replace(\.id, key, in: &snapshot.accessKeys)
                case .deleteAccessKey(let key): Self.replace(\.id, key, in: &snapshot.accessKeys, keeping: false)
                case .putRole(let role): Self.replace(\.arn, role, in: &snapshot.roles)
                case .deleteRole(let role): Self.replace(\.arn, role, in: &snapshot.roles, keeping: false)
                case .putGroup(let group): Self.replace(\.arn, group, in: &snapshot.groups)
                case .deleteGroup(let group): Self.replace(\.arn, group, in: &snapshot.groups, keeping: false)
                case .putPolicy(let policy): Self.replace(\.arn, policy, in: &snapshot.policies)
                case .deletePolicy(let policy): Self.replace(\.arn, policy, in: &snapshot.policies, keeping: false)
                }
            }
        }
    }

    /// Removes the entity of `entity`'s identity from `entities`, then adds `entity` if `keeping`.
    private static func replace<T>(_ identity: KeyPath<T, String>, _ entity: T, in entities: inout [T], keeping: Bool = true) {
        entities.removeAll { $0[keyPath: identity] == entity[keyPath: identity] }
        if keeping { entities.append(entity) }
    }
}
