import AccessPolicy
import Crypto
import Identity
import Synchronization

/// The KMS state held in memory: what the hot path reads, without touching a database.
struct KeyRingState: Sendable {
    var keys: [KeyID: KMSKey] = [:]
    /// Keys of each scope in creation order, for ListKeys paging.
    var keyOrder: [KMSScope: [KeyID]] = [:]
    var materials: [KeyID: [UInt32: SymmetricKey]] = [:]
    var aliases: [KMSScope: [String: KMSAlias]] = [:]
    /// The alias names of each key (`kms:ResourceAliases`), kept with the aliases.
    var aliasNames: [KeyID: Set<String>] = [:]
    /// Each key's policy, compiled when the key is stored, so a decision parses nothing.
    var compiledPolicies: [KeyID: CompiledPolicy] = [:]
    /// The grants of each key, in creation order.
    var grants: [KeyID: [KMSGrant]] = [:]

    mutating func apply(_ change: KMSChange) {
        switch change {
        case .putKey(let key, let material):
            let previous = keys.updateValue(key, forKey: key.id)
            if previous == nil {
                keyOrder[key.scope, default: []].append(key.id)
            }
            if previous?.policy != key.policy {
                // Stored policies were validated when written; one that no longer parses allows nothing.
                let document = try? PolicyDocument(json: key.policy, kind: .resourceBased)
                compiledPolicies[key.id] = document.map { CompiledPolicy($0) } ?? .empty
            }
            if let material {
                materials[key.id, default: [:]][material.version] = material.key
            }
        case .putAlias(let alias):
            if let previous = aliases[alias.scope]?[alias.name.rawValue] {
                aliasNames[previous.targetKeyID]?.remove(alias.name.rawValue)
            }
            aliases[alias.scope, default: [:]][alias.name.rawValue] = alias
            aliasNames[alias.targetKeyID, default: []].insert(alias.name.rawValue)
        case .deleteAlias(let alias):
            if let previous = aliases[alias.scope]?[alias.name.rawValue] {
                aliasNames[previous.targetKeyID]?.remove(alias.name.rawValue)
            }
            aliases[alias.scope]?[alias.name.rawValue] = nil
        case .putGrant(let grant):
            grants[grant.keyID, default: []].append(grant)
        case .deleteGrant(let grant):
            grants[grant.keyID]?.removeAll { $0.id == grant.id }
        case .deleteKey(let key):
            keys[key.id] = nil
            keyOrder[key.scope]?.removeAll { $0 == key.id }
            materials[key.id] = nil
            compiledPolicies[key.id] = nil
            grants[key.id] = nil
            for name in aliasNames[key.id] ?? [] { aliases[key.scope]?[name] = nil }
            aliasNames[key.id] = nil
        case .deleteMaterial(let key):
            materials[key.id] = nil
        }
    }
}

/// Shared, lock-protected in-memory KMS state; readers take a short lock, writers go through
/// ``KeyRing/write(_:)`` so that storage always has a change before memory shows it.
final class KeyRing: Sendable {
    private let state = Mutex(KeyRingState())
    private let writeLock = AsyncSerialLock()
    private let store: any KMSStore

    init(store: any KMSStore, snapshot: KMSSnapshot) {
        self.store = store
        state.withLock { state in
            for key in snapshot.keys { state.apply(.putKey(key, newMaterial: nil)) }
            for material in snapshot.materials {
                state.materials[material.keyID, default: [:]][material.version] = material.key
            }
            for alias in snapshot.aliases { state.apply(.putAlias(alias)) }
            for grant in snapshot.grants { state.apply(.putGrant(grant)) }
        }
    }

    func read<T: Sendable, E: Error>(_ body: (borrowing KeyRingState) throws(E) -> T) throws(E) -> T {
        try state.withLock { (state: inout KeyRingState) throws(E) -> T in try body(state) }
    }

    /// Runs one read-decide-write step at a time: `decide` sees the current state and returns the
    /// changes to make; they are made durable, then published to readers.
    func write<T: Sendable>(_ decide: (KeyRingState) throws(KMSError) -> (T, [KMSChange])) async throws -> T {
        try await writeLock.run {
            let current = state.withLock { $0 }
            let (result, changes) = try decide(current)
            if !changes.isEmpty {
                try await store.apply(changes)
                state.withLock { state in
                    for change in changes { state.apply(change) }
                }
            }
            return result
        }
    }
}
