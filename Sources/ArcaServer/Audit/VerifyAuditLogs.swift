import AuditTrail
import Foundation
import Storage

/// `arca audit verify`: checks the audit log files and digests of a data directory with the
/// digest key derived from its root key, and returns what is wrong, file by file.
public func verifyAuditLogs(dataDirectory: String, rootKey source: ArcaConfiguration.RootKeySource) throws -> AuditVerifier.Report {
    let rootKey: RootKey
    switch source {
    case .defaultFile:
        let path = dataDirectory + "/root.key"
        guard FileManager.default.fileExists(atPath: path) else {
            throw ArcaConfigurationError("no root key at \(path); pass --root-key-file or ARCA_ROOT_KEY")
        }
        rootKey = try RootKey.loadOrCreate(at: path, randomBytes: { _ in [] })
    case .file(let path):
        rootKey = try RootKey.loadOrCreate(at: path, randomBytes: { _ in [] })
    case .base64(let encoded):
        rootKey = try RootKey(base64: encoded)
    }
    let signer = try AuditSigner(seed: rootKey.derivedKey(for: "audit-digests"))
    return try AuditVerifier(root: dataDirectory + "/audit", publicKey: signer.publicKey).verify()
}
