import Crypto

/// One version of a KMS key's backing key: 256 bits of AES key material.
///
/// - Important: this is the secret the whole service protects. It exists unwrapped only in
///   memory; storage wraps it under the root key before it touches a database.
public struct KeyMaterial: Sendable {
    public var keyID: KeyID
    public var version: UInt32
    public var key: SymmetricKey
    /// For an asymmetric key, its private key already parsed from `key`, so storing the material
    /// parses nothing under the key ring's lock.
    var privateKey: AsymmetricPrivateKey?

    public init(keyID: KeyID, version: UInt32, key: SymmetricKey) {
        self.keyID = keyID
        self.version = version
        self.key = key
    }

    init(keyID: KeyID, version: UInt32, privateKey: AsymmetricPrivateKey) {
        self.init(keyID: keyID, version: version, key: SymmetricKey(data: privateKey.pkcs8DER))
        self.privateKey = privateKey
    }
}

extension KeyMaterial: CustomStringConvertible {
    /// Never the bytes: only which key and version this is.
    public var description: String { "KeyMaterial(\(keyID) v\(version))" }
}

extension KMSKey {
    /// The `KeyMaterialId` AWS reports: 64 hex digits naming one backing key version.
    ///
    /// Derived by hashing, so it is stable and reveals nothing of the material: the key id and
    /// version for material KMS generated; for imported material, "a unique identifier … based on
    /// the KMS key ID and the imported key material" (KMS API reference, ImportKeyMaterial), here
    /// the key id and the material's fingerprint (material imported before then keeps its
    /// version-derived id: ``ImportedKeyMaterial/hasVersionDerivedID``).
    public func materialID(version: UInt32) -> String {
        var input: [UInt8]
        if let imported = importedMaterial(version: version), imported.hasVersionDerivedID != true {
            input = Array("arca-imported-key-material".utf8) + id.bytes + Array(imported.fingerprint.utf8)
        } else {
            input = Array("arca-key-material".utf8) + id.bytes
            withUnsafeBytes(of: version.bigEndian) { input.append(contentsOf: $0) }
        }
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: input) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
