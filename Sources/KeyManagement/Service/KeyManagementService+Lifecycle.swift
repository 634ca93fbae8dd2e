import Foundation
import ServiceCalls

extension KeyManagementService {
    /// Applies what ``KeyLifecycle/due(_:at:)`` says is due at the wall clock's now: deletes keys
    /// whose waiting period has ended, rotates keys whose rotation date has come. Reads never do
    /// this; the lifecycle service calls it periodically and whenever the test clock moves.
    @discardableResult
    public func runDueLifecycleWork() async throws -> [KeyLifecycleEvent] {
        let now = self.now
        let due = ring.read { state in state.keys.values.filter { KeyLifecycle.due($0, at: now) != nil }.map(\.id) }
        guard !due.isEmpty else { return [] }
        return try await ring.write { state throws(KMSError) in
            var events: [KeyLifecycleEvent] = []
            var changes: [KMSChange] = []
            // Keys changed earlier in this batch (nil: deleted), which later work must see.
            var working: [KeyID: KMSKey?] = [:]
            for id in due {
                guard let key = working[id] ?? state.keys[id] else { continue }
                switch KeyLifecycle.due(key, at: now) {
                case .delete:
                    changes.append(.deleteKey(key))
                    changes += copiesAfterDeleting(key, at: now, in: state, working: &working)
                    events.append(KeyLifecycleEvent(kind: .deleted, key: key, time: now))
                case .rotate:
                    let rotating = rotation(of: key, at: now, type: .automatic, in: state, working: working)
                    changes += rotating
                    for case .putKey(let copy, _) in rotating { working[copy.id] = copy }
                    if case .putKey(let rotated, _) = rotating[0] {
                        events.append(KeyLifecycleEvent(kind: .rotated, key: rotated, time: now))
                    }
                case .finishCreation:
                    var ready = key
                    // A replica of a key with imported material waits for that material.
                    ready.state = key.origin == .external ? .pendingImport : .enabled
                    working[id] = .some(ready)
                    changes.append(.putKey(ready, newMaterial: nil))
                case .expireMaterial:
                    // Expired material is deleted as DeleteImportedKeyMaterial deletes it.
                    var expired = key
                    for material in key.importedMaterials where material.hasExpired(at: now) {
                        let deletion = state.deletingImportedMaterial(version: material.version, of: expired, working: working)
                        expired = deletion.key
                        changes += deletion.changes
                        for case .putKey(let copy, _) in deletion.changes where copy.id != id { working[copy.id] = copy }
                    }
                    working[id] = .some(expired)
                    events.append(KeyLifecycleEvent(kind: .materialExpired, key: expired, time: now))
                case nil:
                    continue
                }
            }
            return (events, changes)
        }
    }
}

extension KeyManagementService {
    /// RotateKeyOnDemand: a new backing key version now, without changing the automatic schedule.
    func rotateOnDemand(_ identifier: String, context: CallContext) async throws -> KMSKey {
        let id = try authorizedKey(identifier, accepting: .keyOnly, for: "kms:RotateKeyOnDemand", context: context).id
        let now = self.now
        return try await ring.write { state throws(KMSError) in
            guard let key = state.keys[id] else { throw KMSError.keyNotFound(context.scope.keyARN(id)) }
            try key.state.require(.cryptographic, keyARN: key.arn)
            try key.requireRotatable(automatically: false)
            guard key.rotations.count(where: { $0.type == .onDemand }) < KMSKey.onDemandRotationLimit else {
                throw KMSError(.limitExceeded, "The on-demand rotations limit has been reached for the given keyId. "
                               + "No more on-demand rotations can be performed for this key: \(key.arn)")
            }
            if key.origin == .external {
                // Imported material rotates to the material imported for it (ImportType NEW_KEY_MATERIAL).
                return (key, try state.importedRotation(of: key, at: now))
            }
            return (key, rotation(of: key, at: now, type: .onDemand, in: state))
        }
    }
}
