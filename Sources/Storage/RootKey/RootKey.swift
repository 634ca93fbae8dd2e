import Crypto
import Foundation

/// The key every piece of key material is wrapped under before it is stored.
///
/// It never enters the database. It comes from `ARCA_ROOT_KEY` (base64 of 32 bytes), from a file
/// the operator names, or from `<data-dir>/root.key`, created with mode 0600 on first start.
///
/// - Important: whoever holds the root key and the database holds every key. Keep the file apart
///   from database backups.
public struct RootKey: Sendable {
    let key: SymmetricKey

    public init(bytes: some ContiguousBytes) throws(RootKeyError) {
        let count = bytes.withUnsafeBytes { $0.count }
        guard count == 32 else { throw RootKeyError("a root key is 32 bytes, this one is \(count)") }
        self.key = SymmetricKey(data: bytes)
    }

    /// Decodes `ARCA_ROOT_KEY`: base64 of exactly 32 bytes.
    public init(base64: String) throws(RootKeyError) {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw RootKeyError("ARCA_ROOT_KEY is not valid base64")
        }
        try self.init(bytes: data)
    }

    /// Reads the root key file, or creates it (mode 0600) with fresh random bytes if it is absent.
    public static func loadOrCreate(at path: String, randomBytes: (Int) -> [UInt8]) throws(RootKeyError) -> RootKey {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            guard let contents = manager.contents(atPath: path) else { throw RootKeyError("cannot read \(path)") }
            if let text = String(data: contents, encoding: .utf8), let key = try? RootKey(base64: text) {
                return key
            }
            return try RootKey(bytes: contents)
        }
        let bytes = randomBytes(32)
        let encoded = Data(Data(bytes).base64EncodedString().utf8 + [UInt8(ascii: "\n")])
        let directory = (path as NSString).deletingLastPathComponent
        do {
            if !directory.isEmpty {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                            attributes: [.posixPermissions: 0o700])
            }
        } catch {
            throw RootKeyError("cannot create \(directory)")
        }
        guard manager.createFile(atPath: path, contents: encoded, attributes: [.posixPermissions: 0o600]) else {
            throw RootKeyError("cannot create \(path)")
        }
        return try RootKey(bytes: bytes)
    }

    /// A key for one purpose (such as signing grant tokens), derived from the root key with
    /// HKDF-SHA256, so it needs no storage of its own and never equals the root key.
    public func derivedKey(for purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Array("arca:\(purpose)".utf8), outputByteCount: 32)
    }

    /// Wraps secret bytes with AES-256-GCM; `binding` (e.g. key ARN and version) is authenticated
    /// so a wrapped blob cannot be moved to another row.
    func wrap(_ secret: some DataProtocol, binding: String, nonce: [UInt8]) throws -> Data {
        let box = try AES.GCM.seal(secret, using: key, nonce: AES.GCM.Nonce(data: nonce),
                                   authenticating: Array(binding.utf8))
        guard let combined = box.combined else { throw RootKeyError("cannot wrap key material") }
        return combined
    }

    func unwrap(_ wrapped: Data, binding: String) throws -> SymmetricKey {
        do {
            let box = try AES.GCM.SealedBox(combined: wrapped)
            return SymmetricKey(data: try AES.GCM.open(box, using: key, authenticating: Array(binding.utf8)))
        } catch {
            throw RootKeyError("stored key material does not open under this root key (wrong root key, or the row was altered)")
        }
    }
}

public struct RootKeyError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
