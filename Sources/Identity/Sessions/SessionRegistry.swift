import Foundation
import Synchronization

/// Durable storage for role sessions, implemented by the `Storage` module.
///
/// - Important: `save` must not return before the session is durable: credentials handed to a
///   client keep working after a restart or a `kill -9`. Implementations store the secret access
///   key and the session token only wrapped under the root key.
public protocol SessionStore: Sendable {
    /// Every stored session, expired ones included (the registry drops those).
    func load() async throws -> [RoleSession]
    func save(_ session: RoleSession) async throws
    func delete(accessKeyIDs: [String]) async throws
}

/// The live role sessions, by access key id: what the authenticator consults after the
/// configured credentials.
public final class SessionRegistry: Sendable {
    private let sessions = Mutex<[String: RoleSession]>([:])
    private let store: any SessionStore

    /// Loads the stored sessions; those already expired at `now` are deleted.
    public init(store: any SessionStore, now: Date) async throws {
        self.store = store
        let loaded = try await store.load()
        let expired = loaded.filter { $0.expiration <= now }.map(\.accessKeyID)
        if !expired.isEmpty { try await store.delete(accessKeyIDs: expired) }
        sessions.withLock { table in
            for session in loaded where session.expiration > now { table[session.accessKeyID] = session }
        }
    }

    /// Makes a new session durable, then usable.
    public func add(_ session: RoleSession) async throws {
        try await store.save(session)
        sessions.withLock { $0[session.accessKeyID] = session }
    }

    /// The session an access key id belongs to, expired or not (the caller tells them apart, as
    /// an expired token has its own error).
    public func session(forAccessKeyID id: String) -> RoleSession? {
        sessions.withLock { $0[id] }
    }
}

/// Keeps role sessions in memory only: for tests and tools.
public final class InMemorySessionStore: SessionStore {
    private let saved = Mutex<[String: RoleSession]>([:])

    public init() {}

    public func load() async throws -> [RoleSession] { saved.withLock { Array($0.values) } }
    public func save(_ session: RoleSession) async throws { saved.withLock { $0[session.accessKeyID] = session } }
    public func delete(accessKeyIDs: [String]) async throws {
        saved.withLock { table in for id in accessKeyIDs { table[id] = nil } }
    }
}
