/// A durable change to KMS state, applied to storage first and to memory once storage has it.
public enum KMSChange: Sendable {
    /// Creates or replaces a key's record; `newMaterial` adds a backing key version.
    case putKey(KMSKey, newMaterial: KeyMaterial?)
    case putAlias(KMSAlias)
    case deleteAlias(KMSAlias)
    case putGrant(KMSGrant)
    case deleteGrant(KMSGrant)
    /// Deletes a key for good: its record, every backing key version, the aliases that point at
    /// it and its grants. "After the waiting period ends, AWS KMS deletes the CMK and all AWS KMS
    /// data associated with it, including all aliases that point to it." (kms-developer-guide.md)
    case deleteKey(KMSKey)
    /// Deletes one backing key version of a key with imported material (DeleteImportedKeyMaterial,
    /// or the material's expiry); the key itself stays.
    case deleteMaterial(KMSKey, version: UInt32)
}

/// Everything the KMS keeps, as loaded at start.
public struct KMSSnapshot: Sendable {
    public var keys: [KMSKey]
    /// Unwrapped backing keys. Storage unwraps them from under the root key while loading.
    public var materials: [KeyMaterial]
    public var aliases: [KMSAlias]
    /// Grants in creation order.
    public var grants: [KMSGrant]

    public init(keys: [KMSKey] = [], materials: [KeyMaterial] = [], aliases: [KMSAlias] = [], grants: [KMSGrant] = []) {
        self.keys = keys
        self.materials = materials
        self.aliases = aliases
        self.grants = grants
    }
}

/// Durable storage for the KMS, implemented by the `Storage` module for each SQL engine.
///
/// - Important: implementations must wrap key material under the root key before writing it and
///   must not return from `apply` before the changes are durable: an acknowledged write survives
///   `kill -9`.
public protocol KMSStore: Sendable {
    func load() async throws -> KMSSnapshot
    /// Applies changes atomically: all of them or none.
    func apply(_ changes: [KMSChange]) async throws
}
