import KeyManagement
import Synchronization

/// A ``KMSStore`` that keeps changes in memory, and can be told to fail, for domain tests.
///
/// It keeps the promises the SQL stores keep (the storage contract suite runs against both): a
/// change set applies whole or not at all, a replaced key keeps its place in creation order, and a
/// grant id already stored is refused as the SQL primary key refuses it.
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
            var snapshot = state.snapshot
            for change in changes {
                try Self.apply(change, to: &snapshot)
            }
            state.snapshot = snapshot
            state.applied += 1
        }
    }

    private static func apply(_ change: KMSChange, to snapshot: inout KMSSnapshot) throws {
        switch change {
        case .putKey(let key, let material):
            if let index = snapshot.keys.firstIndex(where: { $0.id == key.id }) {
                snapshot.keys[index] = key
            } else {
                snapshot.keys.append(key)
            }
            if let material {
                guard !snapshot.materials.contains(where: { $0.keyID == material.keyID && $0.version == material.version }) else {
                    throw InMemoryStoreFailure()
                }
                snapshot.materials.append(material)
            }
        case .putAlias(let alias):
            if let index = snapshot.aliases.firstIndex(where: { $0.name == alias.name && $0.scope == alias.scope }) {
                snapshot.aliases[index].targetKeyID = alias.targetKeyID
                snapshot.aliases[index].lastUpdatedDate = alias.lastUpdatedDate
            } else {
                snapshot.aliases.append(alias)
            }
        case .deleteAlias(let alias):
            snapshot.aliases.removeAll { $0.name == alias.name && $0.scope == alias.scope }
        case .putGrant(let grant):
            guard !snapshot.grants.contains(where: { $0.id == grant.id }) else { throw InMemoryStoreFailure() }
            snapshot.grants.append(grant)
        case .deleteGrant(let grant):
            snapshot.grants.removeAll { $0.id == grant.id }
        case .deleteKey(let key):
            snapshot.keys.removeAll { $0.id == key.id }
            snapshot.materials.removeAll { $0.keyID == key.id }
            snapshot.aliases.removeAll { $0.targetKeyID == key.id }
            snapshot.grants.removeAll { $0.keyID == key.id }
        case .deleteMaterial(let key, let version):
            snapshot.materials.removeAll { $0.keyID == key.id && $0.version == version }
        }
    }

    /// Makes the next `apply` fail, as a full disk would.
    public func failNextWrite() { state.withLock { $0.failNext = true } }

    /// How many change sets were made durable.
    public var appliedCount: Int { state.withLock { $0.applied } }

    public var snapshot: KMSSnapshot { state.withLock { $0.snapshot } }
}

public struct InMemoryStoreFailure: Error {}
