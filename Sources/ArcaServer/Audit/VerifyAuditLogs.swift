import AuditTrail
import Crypto
import Foundation
import Logging
import Storage

/// `arca audit verify`: checks the audit log files and digests of a data directory against the
/// database's record of what was sealed and digested, and returns what is wrong, file by file.
///
/// Which keys a digest may be signed with: the pinned ones if any are given — public key files
/// (PEM or DER, as `ListPublicKeys` returns them) or fingerprints of keys in the data directory's
/// signing key file — and no root key is needed; otherwise the keys the root key opens (the
/// generated key and the earlier derived one). Only pinning protects against someone who can
/// replace the key file and the root key as well as the logs.
public func verifyAuditLogs(dataDirectory: String, rootKey source: ArcaConfiguration.RootKeySource,
                            publicKeyFiles: [String] = [], publicKeyFingerprints: [String] = []) async throws
    -> (report: AuditVerifier.Report, keys: [AuditPublicKey]) {
    let keys: [AuditPublicKey]
    if publicKeyFiles.isEmpty && publicKeyFingerprints.isEmpty {
        keys = try keysOpenedByRootKey(dataDirectory: dataDirectory, source: source)
    } else {
        keys = try pinnedKeys(dataDirectory: dataDirectory, files: publicKeyFiles, fingerprints: publicKeyFingerprints)
    }
    let databasePath = dataDirectory + "/arca.sqlite"
    guard FileManager.default.fileExists(atPath: databasePath) else {
        throw ArcaConfigurationError("no database at \(databasePath): it holds what was sealed; pass the server's --data-dir")
    }
    var logger = Logger(label: "arca")
    logger.logLevel = .error
    let database = try await SQLiteDatabase.open(path: databasePath, logger: logger)
    let ledger: AuditLedger
    do {
        ledger = try await SQLAuditStore(database: database).ledger()
        try await database.close()
    } catch {
        try? await database.close()
        throw error
    }
    let report = try AuditVerifier(root: dataDirectory + "/audit", trustedKeys: keys, ledger: ledger).verify()
    return (report, keys)
}

private func keysOpenedByRootKey(dataDirectory: String, source: ArcaConfiguration.RootKeySource) throws -> [AuditPublicKey] {
    let rootKey: RootKey
    switch source {
    case .defaultFile:
        let path = dataDirectory + "/root.key"
        guard FileManager.default.fileExists(atPath: path) else {
            throw ArcaConfigurationError("no root key at \(path); pass --root-key-file, ARCA_ROOT_KEY or --public-key")
        }
        rootKey = try RootKey.loadOrCreate(at: path, randomBytes: { _ in [] })
    case .file(let path):
        rootKey = try RootKey.loadOrCreate(at: path, randomBytes: { _ in [] })
    case .base64(let encoded):
        rootKey = try RootKey(base64: encoded)
    }
    let derived = AuditPublicKey(der: try AuditSigningKeyFile.derivedSigner(rootKey: rootKey).publicKeyDER,
                                 validFrom: Date(timeIntervalSince1970: 0))
    let keyFile = dataDirectory + "/" + AuditSigningKeyFile.name
    guard FileManager.default.fileExists(atPath: keyFile) else { return [derived] }
    return [derived] + (try AuditSigningKeyFile.load(at: keyFile, rootKey: rootKey).publicKeys)
}

private func pinnedKeys(dataDirectory: String, files: [String], fingerprints: [String]) throws -> [AuditPublicKey] {
    var keys: [AuditPublicKey] = []
    for path in files {
        guard let data = FileManager.default.contents(atPath: path) else { throw ArcaConfigurationError("cannot read \(path)") }
        let key: P256.Signing.PublicKey
        if let text = String(data: data, encoding: .utf8), text.contains("-----BEGIN") {
            guard let parsed = try? P256.Signing.PublicKey(pemRepresentation: text) else {
                throw ArcaConfigurationError("\(path) is not a P-256 public key in PEM")
            }
            key = parsed
        } else {
            guard let parsed = try? P256.Signing.PublicKey(derRepresentation: data) else {
                throw ArcaConfigurationError("\(path) is not a P-256 public key (PEM or DER)")
            }
            key = parsed
        }
        keys.append(AuditPublicKey(der: key.derRepresentation, validFrom: Date(timeIntervalSince1970: 0)))
    }
    guard !fingerprints.isEmpty else { return keys }
    let keyFile = dataDirectory + "/" + AuditSigningKeyFile.name
    let known = keys + ((try? AuditSigningKeyFile.publicKeys(at: keyFile)) ?? [])
    for fingerprint in fingerprints.map({ $0.lowercased().replacingOccurrences(of: ":", with: "") }) {
        guard let key = known.first(where: { $0.fingerprint == fingerprint }) else {
            throw ArcaConfigurationError("no public key with fingerprint \(fingerprint) in \(keyFile); pass the key itself with --public-key FILE")
        }
        keys.append(key)
    }
    return keys
}
