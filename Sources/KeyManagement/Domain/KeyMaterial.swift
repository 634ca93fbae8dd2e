import Crypto

/// One version of a KMS key's backing key: 256 bits of AES key material.
///
/// - Important: this is the secret the whole service protects. It exists unwrapped only in
///   memory; storage wraps it under the root key before it touches a database.
public struct KeyMaterial: Sendable {
    public var keyID: KeyID
    public var version: UInt32
    public var key: SymmetricKey

    public init(keyID: KeyID, version: UInt32, key: SymmetricKey) {
        self.keyID = keyID
        self.version = version
        self.key = key
    }
}

extension KeyMaterial: CustomStringConvertible {
    /// Never the bytes: only which key and version this is.
    public var description: String { "KeyMaterial(\(keyID) v\(version))" }
}
