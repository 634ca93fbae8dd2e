import AccessPolicy
import Crypto
import Foundation
import Identity
import Synchronization

/// The KMS state held in memory: what the hot path reads, without touching a database.
struct KeyRingState: Sendable {
    var keys: [KeyID: KMSKey] = [:]
    /// Keys of each scope in creation order, for ListKeys paging.
    var keyOrder: [KMSScope: [KeyID]] = [:]
    var materials: [KeyID: [UInt32: SymmetricKey]] = [:]
    /// The private key of each asymmetric key, parsed from its material once, not per request.
    var privateKeys: [KeyID: AsymmetricPrivateKey] = [:]
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
                storeMaterial(material, of: key)
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
            privateKeys[key.id] = nil
            compiledPolicies[key.id] = nil
            grants[key.id] = nil
            for name in aliasNames[key.id] ?? [] { aliases[key.scope]?[name] = nil }
            aliasNames[key.id] = nil
        case .deleteMaterial(let key, let version):
            materials[key.id]?[version] = nil
            if key.keySpec.isAsymmetric { privateKeys[key.id] = nil }
        }
    }

    /// Keeps a backing key, with an asymmetric key's private key: parsed by whoever made or
    /// imported it, or parsed here for material loaded from storage. Stored material that no
    /// longer parses leaves the key without a private key, so its operations fail, and nothing else does.
    mutating func storeMaterial(_ material: KeyMaterial, of key: KMSKey) {
        materials[key.id, default: [:]][material.version] = material.key
        if key.keySpec.isAsymmetric {
            privateKeys[key.id] = material.privateKey ?? material.key.withUnsafeBytes { pkcs8 in
                try? AsymmetricPrivateKey(spec: key.keySpec, pkcs8DER: Data(pkcs8))
            }
        }
    }
}

/// The KMS state shared by every call, over the KMS store.
typealias KeyRing = DurableState<KeyRingState>

extension KeyRingState: DurableStateValue {}

extension DurableState where Value == KeyRingState {
    /// The key ring as loaded at start.
    convenience init(store: any KMSStore, snapshot: KMSSnapshot) {
        var initial = KeyRingState()
        for key in snapshot.keys { initial.apply(.putKey(key, newMaterial: nil)) }
        for material in snapshot.materials {
            guard let key = initial.keys[material.keyID] else { continue }
            initial.storeMaterial(material, of: key)
        }
        for alias in snapshot.aliases { initial.apply(.putAlias(alias)) }
        for grant in snapshot.grants { initial.apply(.putGrant(grant)) }
        self.init(initial) { changes in try await store.apply(changes) }
    }
}
