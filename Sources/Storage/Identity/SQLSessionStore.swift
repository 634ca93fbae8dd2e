import Foundation
import Identity
import SQLKit

/// Role sessions over any SQL engine. The secret access key and the session token are stored
/// only wrapped under the root key, bound to the session's access key id.
public final class SQLSessionStore: SessionStore {
    private let engine: any SQLEngine
    private let rootKey: RootKey
    private let randomBytes: @Sendable (Int) -> [UInt8]

    public init(database engine: any SQLEngine, rootKey: RootKey, randomBytes: @escaping @Sendable (Int) -> [UInt8]) {
        self.engine = engine
        self.rootKey = rootKey
        self.randomBytes = randomBytes
    }

    /// The row form: the session without its secrets, and the secrets wrapped.
    struct StoredSession: Codable {
        var session: RoleSession
        var wrappedSecrets: String
    }

    struct Secrets: Codable {
        var secretAccessKey: String
        var sessionToken: String
    }

    public func load() async throws -> [RoleSession] {
        let decoder = JSONDecoder()
        let rows = try await engine.read { database in
            try await database.raw("SELECT access_key_id, record FROM sts_sessions ORDER BY access_key_id").all()
        }
        return try rows.map { row in
            let id = try row.decode(column: "access_key_id", as: String.self)
            let stored = try decoder.decode(StoredSession.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
            guard let wrapped = Data(base64Encoded: stored.wrappedSecrets), stored.session.accessKeyID == id else {
                throw StorageError("a stored session row is malformed")
            }
            let secrets = try rootKey.unwrap(wrapped, binding: Self.binding(id)).withUnsafeBytes {
                try decoder.decode(Secrets.self, from: Data($0))
            }
            var session = stored.session
            session.secretAccessKey = secrets.secretAccessKey
            session.sessionToken = secrets.sessionToken
            return session
        }
    }

    public func save(_ session: RoleSession) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let secrets = try encoder.encode(Secrets(secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken))
        let wrapped = try rootKey.wrap(secrets, binding: Self.binding(session.accessKeyID), nonce: randomBytes(12))
        var redacted = session
        redacted.secretAccessKey = ""
        redacted.sessionToken = ""
        let record = String(decoding: try encoder.encode(StoredSession(session: redacted, wrappedSecrets: wrapped.base64EncodedString())),
                            as: UTF8.self)
        try await engine.transaction { database in
            try await database.raw("""
                INSERT INTO sts_sessions (access_key_id, expiration, record)
                VALUES (\(bind: session.accessKeyID), \(bind: session.expiration.timeIntervalSince1970), \(bind: record))
                """).run()
        }
    }

    public func delete(accessKeyIDs: [String]) async throws {
        try await engine.transaction { database in
            for id in accessKeyIDs {
                try await database.raw("DELETE FROM sts_sessions WHERE access_key_id = \(bind: id)").run()
            }
        }
    }

    static func binding(_ accessKeyID: String) -> String {
        "arca:sts-session:\(accessKeyID)"
    }
}
