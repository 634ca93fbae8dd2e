import Crypto
import Identity
import ServiceCalls

/// The identifier forms an operation's `KeyId` member accepts.
public enum KeyIdentifierForms: Sendable {
    /// Key id, key ARN, alias name or alias ARN (Encrypt, DescribeKey, GenerateDataKey, …).
    case keyOrAlias
    /// Key id or key ARN only (EnableKey, TagResource, GetKeyPolicy, CreateAlias's target, …).
    case keyOnly
}

extension KeyManagementService {
    /// Resolves a `KeyId` parameter to a key, as AWS does before authorizing; it checks no permission.
    ///
    /// Bare key ids and alias names are looked up in the caller's account and region; ARNs name
    /// their own account, and must name the request's region ("Invalid arn <region>").
    public func resolveKey(_ identifier: String, accepting forms: KeyIdentifierForms,
                           context: CallContext) throws(KMSError) -> KMSKey {
        let scope = context.scope
        if identifier.hasPrefix("alias/"), forms == .keyOrAlias {
            let name = try AliasName(identifier)
            return try resolveAlias(name, in: scope)
        }
        if let arn = KMSARN(identifier) {
            guard arn.scope.region == context.region else {
                throw KMSError(.notFound, "Invalid arn \(arn.scope.region)")
            }
            switch arn.resource {
            case .key(let raw):
                if let id = KeyID(multiRegion: raw, region: arn.scope.region) { return try lookUpKey(id, in: arn.scope) }
                guard let id = KeyID(raw), id.rawValue == raw.lowercased() else { throw .invalidKeyID(identifier) }
                return try lookUpKey(id, in: arn.scope)
            case .alias(let raw):
                guard forms == .keyOrAlias else { throw .invalidKeyID(identifier) }
                return try resolveAlias(try AliasName(raw), in: arn.scope)
            }
        }
        if let id = KeyID(multiRegion: identifier, region: scope.region) { return try lookUpKey(id, in: scope) }
        guard let id = KeyID(identifier) else { throw .invalidKeyID(identifier) }
        return try lookUpKey(id, in: scope)
    }

    /// The key a ciphertext names, for Decrypt and ReEncrypt; an unknown key reads as a bad blob.
    func keyForCiphertext(_ envelope: CiphertextEnvelope, context: CallContext) throws(KMSError) -> KMSKey {
        // KMS keys are regional: a ciphertext of another region's key names no key here.
        guard let key = ring.read({ $0.keys[envelope.keyID] }), key.scope.region == context.region else {
            throw .invalidCiphertext
        }
        return key
    }

    private func lookUpKey(_ id: KeyID, in scope: KMSScope) throws(KMSError) -> KMSKey {
        guard let key = ring.read({ $0.keys[id] }), key.scope == scope else {
            throw .keyNotFound(scope.keyARN(id))
        }
        return key
    }

    private func resolveAlias(_ name: AliasName, in scope: KMSScope) throws(KMSError) -> KMSKey {
        let key = ring.read { state in
            state.aliases[scope]?[name.rawValue].flatMap { state.keys[$0.targetKeyID] }
        }
        guard let key else { throw .aliasNotFound(scope.aliasARN(name)) }
        return key
    }

    /// The current backing key of a key, for encryption.
    func currentMaterial(of key: KMSKey) throws(KMSError) -> (version: UInt32, key: SymmetricKey) {
        guard let material = ring.read({ $0.materials[key.id]?[key.currentMaterialVersion] }) else {
            throw KMSError(.kmsInternal, "The key material of \(key.arn) is unavailable.")
        }
        return (key.currentMaterialVersion, material)
    }

    /// A specific backing key version, for decryption; a version the key never had is a bad blob.
    func material(of key: KMSKey, version: UInt32) throws(KMSError) -> SymmetricKey {
        // Material pending rotation is never current yet, so nothing can have been encrypted under it.
        guard version <= key.currentMaterialVersion,
              let material = ring.read({ $0.materials[key.id]?[version] }) else { throw .invalidCiphertext }
        return material
    }
}
