import AuditTrail
import Crypto
import Foundation

/// The key pair that signs the audit trail's digests, in `<data-dir>/audit-signing-key.json`:
/// the public key in clear, the private key wrapped under the root key (AES-256-GCM, bound to the
/// public key's fingerprint), and the earlier keys that signed digests of this data directory.
///
/// The key is generated once, from the injected randomness. Before it existed Arca signed with a
/// key derived from the root key; where such digests exist, that key is kept as an earlier key,
/// valid until the generated key took over, so old digests still verify.
///
/// - Important: the public key is what an operator pins to verify the logs with
///   (`arca audit verify --public-key-fingerprint`); the private key is only as safe as the root
///   key, so keep the root key apart from the logs.
public enum AuditSigningKeyFile {
    public static let name = "audit-signing-key.json"

    struct Contents: Codable {
        struct EarlierKey: Codable {
            var publicKey: Data
            var validFrom: Date
            var validUntil: Date
        }

        var format = 1
        var publicKey: Data
        var validFrom: Date
        var wrappedPrivateKey: Data
        var earlierKeys: [EarlierKey]
    }

    /// The key from the file at `path`, or a new one written there; with the public keys of every
    /// key that signed this data directory's digests, the current one last.
    ///
    /// `signedBefore`: whether digests exist already (signed by the key derived from the root key).
    public static func loadOrCreate(at path: String, rootKey: RootKey, randomBytes: (Int) -> [UInt8], now: Date,
                                    signedBefore: Bool) throws -> (signer: AuditSigner, publicKeys: [AuditPublicKey]) {
        if FileManager.default.fileExists(atPath: path) {
            return try load(at: path, rootKey: rootKey)
        }
        let signer = try AuditSigner.generate(randomBytes: randomBytes)
        var earlier: [Contents.EarlierKey] = []
        if signedBefore {
            earlier.append(.init(publicKey: try derivedSigner(rootKey: rootKey).publicKeyDER,
                                 validFrom: Date(timeIntervalSince1970: 0), validUntil: now))
        }
        let wrapped = try rootKey.wrap(signer.privateKeyBytes, binding: binding(signer.fingerprint), nonce: randomBytes(12))
        let contents = Contents(publicKey: signer.publicKeyDER, validFrom: now, wrappedPrivateKey: wrapped, earlierKeys: earlier)
        try AuditLogFiles.writeDurably(try encoder.encode(contents), to: path)
        return (signer, publicKeys(contents))
    }

    /// The signing key and every public key, unwrapped with `rootKey`.
    public static func load(at path: String, rootKey: RootKey) throws -> (signer: AuditSigner, publicKeys: [AuditPublicKey]) {
        let contents = try read(at: path)
        let fingerprint = AuditPublicKey.fingerprint(of: contents.publicKey)
        let secret = try rootKey.unwrap(contents.wrappedPrivateKey, binding: binding(fingerprint))
        let signer = AuditSigner(privateKey: try secret.withUnsafeBytes { try P256.Signing.PrivateKey(rawRepresentation: Array($0)) })
        guard signer.publicKeyDER == contents.publicKey else {
            throw RootKeyError("\(path): the private key is not the one of its public key")
        }
        return (signer, publicKeys(contents))
    }

    /// The public keys in the file, without the root key: the bytes of keys an operator pinned by
    /// fingerprint.
    public static func publicKeys(at path: String) throws -> [AuditPublicKey] {
        publicKeys(try read(at: path))
    }

    /// The key that signed digests before the generated key existed, derived from the root key.
    public static func derivedSigner(rootKey: RootKey) throws -> AuditSigner {
        try AuditSigner(seed: rootKey.derivedKey(for: "audit-digests"))
    }

    static func publicKeys(_ contents: Contents) -> [AuditPublicKey] {
        contents.earlierKeys.map { AuditPublicKey(der: $0.publicKey, validFrom: $0.validFrom, validUntil: $0.validUntil) }
            + [AuditPublicKey(der: contents.publicKey, validFrom: contents.validFrom)]
    }

    static func read(at path: String) throws -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else { throw RootKeyError("cannot read \(path)") }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            return try decoder.decode(Contents.self, from: data)
        } catch {
            throw RootKeyError("\(path) is not an audit signing key file")
        }
    }

    /// What the wrapped private key is bound to: its public key.
    static func binding(_ fingerprint: String) -> String {
        "audit-signing-key:\(fingerprint)"
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return encoder
    }
}
