import Foundation
import Identity
import SQLKit

/// What the IAM API created (users, access keys, roles, groups, managed policies), over any SQL engine. Access key secrets are stored only wrapped
/// under the root key, bound to their access key id.
public final class SQLIAMStore: IAMStore {
    private let engine: any SQLEngine
    private let rootKey: RootKey
    private let randomBytes: @Sendable (Int) -> [UInt8]

    public init(database engine: any SQLEngine, rootKey: RootKey, randomBytes: @escaping @Sendable (Int) -> [UInt8]) {
        self.engine = engine
        self.rootKey = rootKey
        self.randomBytes = randomBytes
    }

    /// The row form of an access key: the key without its secret, and the secret wrapped.
    struct StoredAccessKey: Codable {
        var key: IAMAccessKey
        var wrappedSecret: String
    }

    public func load() async throws -> IAMSnapshot {
        try await engine.read { database in try await load(from: database) }
    }

    private func load(from database: any SQLDatabase) async throws -> IAMSnapshot {
        let decoder = JSONDecoder()
        var snapshot = IAMSnapshot()
        snapshot.users = try await records(of: IAMUser.self, in: "iam_users", on: database)
        snapshot.roles = try await records(of: IAMRole.self, in: "iam_roles", on: database)
        snapshot.groups = try await records(of: IAMGroup.self, in: "iam_groups", on: database)
        snapshot.policies = try await records(of: IAMManagedPolicy.self, in: "iam_policies", on: database)
        for row in try await database.raw("SELECT access_key_id, record FROM iam_access_keys ORDER BY access_key_id").all() {
            let id = try row.decode(column: "access_key_id", as: String.self)
            let stored = try decoder.decode(StoredAccessKey.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
            guard stored.key.id == id, let wrapped = Data(base64Encoded: stored.wrappedSecret) else {
                throw StorageError("a stored access key row is malformed")
            }
            var key = stored.key
            key.secretAccessKey = try rootKey.unwrap(wrapped, binding: Self.binding(id)).withUnsafeBytes {
                String(decoding: $0, as: UTF8.self)
            }
            snapshot.accessKeys.append(key)
        }
        return snapshot
    }

    public func apply(_ changes: [IAMChange]) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try await engine.transaction { database in
            for change in changes {
                try await apply(change, on: database, encoder: encoder)
            }
        }
    }

    private func apply(_ change: IAMChange, on database: any SQLDatabase, encoder: JSONEncoder) async throws {
        switch change {
        case .putUser(let user):
            try await put(user, arn: user.arn, in: "iam_users", on: database, encoder: encoder)
        case .deleteUser(let user):
            try await delete(arn: user.arn, from: "iam_users", on: database)
        case .putAccessKey(let key):
            let wrapped = try rootKey.wrap(Data(key.secretAccessKey.utf8), binding: Self.binding(key.id), nonce: randomBytes(12))
            var redacted = key
            redacted.secretAccessKey = ""
            let record = String(decoding: try encoder.encode(StoredAccessKey(key: redacted, wrappedSecret: wrapped.base64EncodedString())),
                                as: UTF8.self)
            try await database.insert(into: "iam_access_keys")
                .columns("access_key_id", "user_arn", "record")
                .values([SQLBind(key.id), SQLBind(key.userARN), SQLBind(record)])
                .onConflict(with: "access_key_id") { $0.set(excludedValueOf: "record") }
                .run()
        case .deleteAccessKey(let key):
            try await database.raw("DELETE FROM iam_access_keys WHERE access_key_id = \(bind: key.id)").run()
        case .putRole(let role):
            try await put(role, arn: role.arn, in: "iam_roles", on: database, encoder: encoder)
        case .deleteRole(let role):
            try await delete(arn: role.arn, from: "iam_roles", on: database)
        case .putGroup(let group):
            try await put(group, arn: group.arn, in: "iam_groups", on: database, encoder: encoder)
        case .deleteGroup(let group):
            try await delete(arn: group.arn, from: "iam_groups", on: database)
        case .putPolicy(let policy):
            try await put(policy, arn: policy.arn, in: "iam_policies", on: database, encoder: encoder)
        case .deletePolicy(let policy):
            try await delete(arn: policy.arn, from: "iam_policies", on: database)
        }
    }

    /// The JSON records of an `arn`/`record` table, in ARN order.
    private func records<T: Decodable>(of type: T.Type, in table: String, on database: any SQLDatabase) async throws -> [T] {
        let decoder = JSONDecoder()
        return try await database.raw("SELECT record FROM \(unsafeRaw: table) ORDER BY arn").all().map { row in
            try decoder.decode(T.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
        }
    }

    private func put(_ entity: some Encodable, arn: String, in table: String, on database: any SQLDatabase,
                     encoder: JSONEncoder) async throws {
        let record = String(decoding: try encoder.encode(entity), as: UTF8.self)
        try await database.insert(into: table)
            .columns("arn", "record")
            .values([SQLBind(arn), SQLBind(record)])
            .onConflict(with: "arn") { $0.set(excludedValueOf: "record") }
            .run()
    }

    private func delete(arn: String, from table: String, on database: any SQLDatabase) async throws {
        try await database.raw("DELETE FROM \(unsafeRaw: table) WHERE arn = \(bind: arn)").run()
    }

    static func binding(_ accessKeyID: String) -> String {
        "arca:iam-access-key:\(accessKeyID)"
    }
}
