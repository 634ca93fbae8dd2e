import Foundation
import Synchronization

/// The identities in force: the configured ones plus what the IAM API created, held in memory
/// for the authenticator and changed only through ``write(_:)``, which makes a change durable
/// before anyone sees it.
public final class IdentityRegistry: Sendable {
    private let state: Mutex<IdentityDirectory>
    private let writeLock = AsyncSerialLock()
    private let store: any IAMStore

    /// Loads what the IAM API created over the configured identities.
    public init(configured directory: IdentityDirectory, store: any IAMStore) async throws {
        var directory = directory
        let snapshot = try await store.load()
        for policy in snapshot.policies { directory.apply(.putPolicy(policy)) }
        for group in snapshot.groups { directory.apply(.putGroup(group)) }
        for user in snapshot.users { directory.apply(.putUser(user)) }
        for key in snapshot.accessKeys { directory.apply(.putAccessKey(key)) }
        for role in snapshot.roles { directory.apply(.putRole(role)) }
        self.state = Mutex(directory)
        self.store = store
    }

    /// The identities at this moment.
    public var current: IdentityDirectory { state.withLock { $0 } }

    /// The credential an access key id belongs to, without copying the whole directory.
    public func credential(forAccessKeyID id: String) -> IdentityDirectory.Credential? {
        state.withLock { $0.credential(forAccessKeyID: id) }
    }

    /// The credential of a role session, with its role's current policies.
    public func credential(for session: RoleSession) -> IdentityDirectory.Credential {
        state.withLock { $0.credential(for: session) }
    }

    /// Runs one read-decide-write step at a time: `decide` sees the current identities and
    /// returns the changes to make; they are made durable, then published.
    public func write<T: Sendable, E: Error>(_ decide: (IdentityDirectory) throws(E) -> (T, [IAMChange])) async throws -> T {
        try await writeLock.run {
            let (result, changes) = try decide(current)
            if !changes.isEmpty {
                try await store.apply(changes)
                state.withLock { directory in
                    for change in changes { directory.apply(change) }
                }
            }
            return result
        }
    }
}
