import AuditTrail
import Foundation
import KeyManagement
import Logging
import Storage

extension AuditTrail {
    /// The server's trail: records journaled in `<data-dir>/audit-journal`, then in the database;
    /// log files under `<data-dir>/audit`, digests
    /// signed with the data directory's signing key (created on first start), whose fingerprint
    /// is logged at info so an operator can pin it for `arca audit verify`.
    static func build(dataDirectory: String, database: SQLiteDatabase, rootKey: RootKey, dependencies: KMSDependencies,
                      logger: Logger) async throws -> AuditTrail {
        let store = SQLAuditStore(database: database)
        let key = try AuditSigningKeyFile.loadOrCreate(
            at: dataDirectory + "/" + AuditSigningKeyFile.name, rootKey: rootKey, randomBytes: dependencies.randomBytes,
            now: dependencies.now(), signedBefore: try await store.hasDigests())
        logger.info("Audit digests are signed with public key \(key.signer.fingerprint)",
                    metadata: ["publicKeyFingerprint": .string(key.signer.fingerprint)])
        let journal = try AuditJournal.open(path: dataDirectory + "/audit-journal",
                                            storedPosition: try await store.journalPosition())
        return AuditTrail(store: store, journal: journal, files: AuditLogFiles(root: dataDirectory + "/audit"), signer: key.signer,
                          publicKeys: key.publicKeys)
    }
}
