import Foundation
import Identity
import KeyManagement
import SQLKit

/// The KMS store over any SQL engine: keys, wrapped key material, aliases and grants.
public final class SQLKMSStore: KMSStore {
    private let engine: any SQLEngine
    private let rootKey: RootKey
    private let randomBytes: @Sendable (Int) -> [UInt8]

    public init(database engine: any SQLEngine, rootKey: RootKey, randomBytes: @escaping @Sendable (Int) -> [UInt8]) {
        self.engine = engine
        self.rootKey = rootKey
        self.randomBytes = randomBytes
    }

    public func load() async throws -> KMSSnapshot {
        try await engine.read { database in try await load(from: database) }
    }

    private func load(from database: any SQLDatabase) async throws -> KMSSnapshot {
        let decoder = JSONDecoder()
        var snapshot = KMSSnapshot()
        for row in try await database.raw("SELECT record FROM kms_keys ORDER BY created_seq").all() {
            let record = try row.decode(column: "record", as: String.self)
            snapshot.keys.append(try decoder.decode(StoredKey.self, from: Data(record.utf8)).key())
        }
        let scopes = Dictionary(snapshot.keys.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for row in try await database.raw("SELECT key_id, version, wrapped FROM kms_key_materials ORDER BY key_id, version").all() {
            let rawID = try row.decode(column: "key_id", as: String.self)
            let version = UInt32(try row.decode(column: "version", as: Int64.self))
            guard let id = KeyID(storageID: rawID), let key = scopes[id],
                  let wrapped = Data(base64Encoded: try row.decode(column: "wrapped", as: String.self)) else {
                throw StorageError("key material without a key record")
            }
            let secret = try rootKey.unwrap(wrapped, binding: Self.binding(key.arn, version))
            snapshot.materials.append(KeyMaterial(keyID: id, version: version, key: secret))
        }
        for row in try await database.raw("SELECT account, region, name, target_key_id, created_at, updated_at FROM kms_aliases ORDER BY account, region, name").all() {
            guard let account = AccountID(try row.decode(column: "account", as: String.self)),
                  let target = KeyID(storageID: try row.decode(column: "target_key_id", as: String.self)) else {
                throw StorageError("an alias row has a malformed account or target")
            }
            snapshot.aliases.append(KMSAlias(
                name: try AliasName(try row.decode(column: "name", as: String.self)),
                scope: KMSScope(account: account, region: try row.decode(column: "region", as: String.self)),
                targetKeyID: target,
                creationDate: Date(timeIntervalSince1970: try row.decode(column: "created_at", as: Double.self)),
                lastUpdatedDate: Date(timeIntervalSince1970: try row.decode(column: "updated_at", as: Double.self))))
        }
        for row in try await database.raw("SELECT record FROM kms_grants ORDER BY created_seq").all() {
            let record = try row.decode(column: "record", as: String.self)
            snapshot.grants.append(try decoder.decode(StoredGrant.self, from: Data(record.utf8)).grant())
        }
        return snapshot
    }

    public func apply(_ changes: [KMSChange]) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try await engine.transaction { database in
            for change in changes {
                try await apply(change, on: database, encoder: encoder)
            }
        }
    }

    private func apply(_ change: KMSChange, on database: any SQLDatabase, encoder: JSONEncoder) async throws {
        switch change {
        case .putKey(let key, let material):
            let record = String(decoding: try encoder.encode(StoredKey(key)), as: UTF8.self)
            // A replaced key keeps its place in creation order (the sequence value goes unused).
            let order = try await engine.nextValue(of: .kmsKeyOrder, on: database)
            try await database.insert(into: "kms_keys")
                .columns("key_id", "account", "region", "created_seq", "record")
                .values([SQLBind(key.id.storageID), SQLBind(key.scope.account.rawValue), SQLBind(key.scope.region),
                         SQLBind(order), SQLBind(record)])
                .onConflict(with: "key_id") { $0.set(excludedValueOf: "record") }
                .run()
            if let material {
                let wrapped = try material.key.withUnsafeBytes { secret in
                    try rootKey.wrap(Data(secret), binding: Self.binding(key.arn, material.version), nonce: randomBytes(12))
                }
                try await database.raw("""
                    INSERT INTO kms_key_materials (key_id, version, wrapped)
                    VALUES (\(bind: key.id.storageID), \(bind: Int64(material.version)), \(bind: wrapped.base64EncodedString()))
                    """).run()
            }
        case .putAlias(let alias):
            try await database.insert(into: "kms_aliases")
                .columns("account", "region", "name", "target_key_id", "created_at", "updated_at")
                .values([SQLBind(alias.scope.account.rawValue), SQLBind(alias.scope.region), SQLBind(alias.name.rawValue),
                         SQLBind(alias.targetKeyID.storageID), SQLBind(alias.creationDate.timeIntervalSince1970),
                         SQLBind(alias.lastUpdatedDate.timeIntervalSince1970)])
                .onConflict(with: ["account", "region", "name"]) {
                    $0.set(excludedValueOf: "target_key_id").set(excludedValueOf: "updated_at")
                }
                .run()
        case .deleteAlias(let alias):
            try await database.raw("""
                DELETE FROM kms_aliases WHERE account = \(bind: alias.scope.account.rawValue)
                AND region = \(bind: alias.scope.region) AND name = \(bind: alias.name.rawValue)
                """).run()
        case .putGrant(let grant):
            let record = String(decoding: try encoder.encode(StoredGrant(grant)), as: UTF8.self)
            let order = try await engine.nextValue(of: .kmsGrantOrder, on: database)
            try await database.raw("""
                INSERT INTO kms_grants (grant_id, key_id, created_seq, record)
                VALUES (\(bind: grant.id.rawValue), \(bind: grant.keyID.storageID), \(bind: order), \(bind: record))
                """).run()
        case .deleteGrant(let grant):
            try await database.raw("DELETE FROM kms_grants WHERE grant_id = \(bind: grant.id.rawValue)").run()
        case .deleteKey(let key):
            let id = key.id.storageID
            try await database.raw("DELETE FROM kms_grants WHERE key_id = \(bind: id)").run()
            try await database.raw("DELETE FROM kms_aliases WHERE target_key_id = \(bind: id)").run()
            try await database.raw("DELETE FROM kms_key_materials WHERE key_id = \(bind: id)").run()
            try await database.raw("DELETE FROM kms_keys WHERE key_id = \(bind: id)").run()
        case .deleteMaterial(let key, let version):
            try await database.raw("""
                DELETE FROM kms_key_materials WHERE key_id = \(bind: key.id.storageID) AND version = \(bind: Int64(version))
                """).run()
        }
    }

    /// What a wrapped backing key is bound to: its key ARN and version.
    static func binding(_ keyARN: String, _ version: UInt32) -> String {
        "arca:kms-key-material:\(keyARN):\(version)"
    }
}
