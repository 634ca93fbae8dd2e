import KeyManagement
import Synchronization

/// A ``KMSStore`` that keeps changes in memory, and can be told to fail, for domain tests.
public final class InMemoryKMSStore: KMSStore {
    private let state = Mutex<(snapshot: KMSSnapshot, failNext: Bool, applied: Int)>((KMSSnapshot(), false, 0))

    public init(snapshot: KMSSnapshot = KMSSnapshot()) {
        state.withLock { $0.snapshot = snapshot }
    }

    public func load() async throws -> KMSSnapshot { state.withLock { $0.snapshot } }

    public func apply(_ changes: [KMSChange]) async throws {
        try state.withLock { state in
            if state.failNext {
                state.failNext = false
                throw InMemoryStoreFailure()
            }
            state.applied += 1
            for change in changes {
                switch change {
                case .putKey(let key, let material):
                    state.snapshot.keys.removeAll { $0.id == key.id }
                    state.snapshot.keys.append(key)
                    if let material { state.snapshot.materials.append(material) }
                case .putAlias(let alias):
                    state.snapshot.aliases.removeAll { $0.name == alias.name && $0.scope == alias.scope }
                    state.snapshot.aliases.append(alias)
                case .deleteAlias(let alias):
                    state.snapshot.aliases.removeAll { $0.name == alias.name && $0.scope == alias.scope }
                case .putGrant(let grant):
                    state.snapshot.grants.append(grant)
                case .deleteGrant(let grant):
                    state.snapshot.grants.removeAll { $0.id == grant.id }
                case .deleteKey(let key):
                    state.snapshot.keys.removeAll { $0.id == key.id }
                    state.snapshot.materials.removeAll { $0.keyID == key.id }
                    state.snapshot.aliases.removeAll { $0.targetKeyID == key.id }
                    state.snapshot.grants.removeAll { $0.keyID == key.id }
                case .deleteMaterial(let key):
                    state.snapshot.materials.removeAll { $0.keyID == key.id }
                }
            }
        }
    }

    /// Makes the next `apply` fail, as a full disk would.
    public func failNextWrite() { state.withLock { $0.failNext = true } }

    /// How many change sets were made durable.
    public var appliedCount: Int { state.withLock { $0.applied } }

    public var snapshot: KMSSnapshot { state.withLock { $0.snapshot } }
}

public struct InMemoryStoreFailure: Error {}
