import Crypto
import Foundation

/// Signs digest files with a P-256 key (`SHA256withECDSA`), so anyone holding the public key can
/// check a digest (`ListPublicKeys` returns it).
///
/// The server's key is generated once from the injected randomness and stored wrapped under the
/// root key (see `AuditSigningKeyFile` in `Storage`). Data directories from before that signed
/// with a key derived from the root key (``init(seed:)``); that key stays a legitimate earlier key.
public struct AuditSigner: Sendable {
    public static let algorithm = "SHA256withECDSA"
    let privateKey: P256.Signing.PrivateKey

    public init(privateKey: P256.Signing.PrivateKey) {
        self.privateKey = privateKey
    }

    /// `seed`: 32 secret bytes used as the private scalar (the key derived from the root key).
    public init(seed: SymmetricKey) throws {
        privateKey = try seed.withUnsafeBytes { try P256.Signing.PrivateKey(rawRepresentation: Array($0)) }
    }

    /// A new key from `randomBytes`: 32 bytes as the private scalar, drawn again in the rare case
    /// (about 2⁻³²) that they are not a valid scalar.
    public static func generate(randomBytes: (Int) -> [UInt8]) throws -> AuditSigner {
        for _ in 0..<8 {
            if let key = try? P256.Signing.PrivateKey(rawRepresentation: randomBytes(32)) {
                return AuditSigner(privateKey: key)
            }
        }
        throw AuditFileError("the random source gave no valid P-256 private key in 8 draws")
    }

    /// The private scalar, to be stored wrapped.
    public var privateKeyBytes: Data { privateKey.rawRepresentation }
    public var publicKey: P256.Signing.PublicKey { privateKey.publicKey }
    /// The SubjectPublicKeyInfo DER of the public key.
    public var publicKeyDER: Data { publicKey.derRepresentation }
    /// Hex SHA-256 of the public key DER, as digests name the key that signed them.
    public var fingerprint: String { AuditPublicKey.fingerprint(of: publicKeyDER) }

    func sign(_ text: String) throws -> String {
        AuditDigests.hex(try privateKey.signature(for: Array(text.utf8)).derRepresentation)
    }
}
