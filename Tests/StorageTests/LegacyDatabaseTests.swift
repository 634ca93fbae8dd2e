import ArcaTestSupport
import AuditTrail
import Foundation
import Identity
import KeyManagement
import Logging
import SQLKit
import SQLiteKit
@testable import Storage
import Testing

/// A data directory written before migrations were split by domain and identifiers came from
/// sequences opens with today's code, loses nothing, and numbers new rows after the old ones.
///
/// ``LegacyDatabaseFixture`` is the `.dump` of the `arca.sqlite` an `arca serve` of that time
/// wrote (keys, a rotation, aliases, grants, an IAM user with an access key, a role, an STS
/// session and the audit records of those calls); it is replayed on a bare SQLite connection, so no
/// code of today shapes it.
@Suite struct LegacyDatabaseTests {
    typealias Legacy = LegacyDatabaseFixture
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("arca-legacy-\(UUID().uuidString)").path
    let random = SeededRandom(seed: "legacy")
    var path: String { directory + "/arca.sqlite" }

    func writeLegacyDatabase(at path: String) async throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: Logger(label: "legacy"))
        do {
            for statement in Legacy.statements { try await connection.sql().raw(SQLQueryString(statement)).run() }
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    func withDatabase<T>(_ body: (Storage.SQLiteDatabase, RootKey) async throws -> T) async throws -> T {
        let database = try await Storage.SQLiteDatabase.open(path: path, logger: Logger(label: "legacy"))
        do {
            let result = try await body(database, try RootKey(base64: Legacy.rootKey))
            try await database.close()
            return result
        } catch {
            try? await database.close()
            throw error
        }
    }

    @Test func kmsStateOpensWhole() async throws {
        try await writeLegacyDatabase(at: path)
        try await withDatabase { database, rootKey in
            let store = SQLKMSStore(database: database, rootKey: rootKey, randomBytes: { random.bytes($0) })
            let snapshot = try await store.load()
            #expect(snapshot.keys.map(\.id.rawValue) == Legacy.keyIDs)
            #expect(snapshot.keys.map(\.state) == [.enabled, .disabled, .pendingDeletion])
            #expect(snapshot.keys.first?.tags == [Tag(tagKey: "team", tagValue: "arca")])
            #expect(snapshot.materials.map { "\($0.keyID)#\($0.version)" }.sorted()
                    == ["\(Legacy.keyIDs[0])#1", "\(Legacy.keyIDs[0])#2", "\(Legacy.keyIDs[1])#1", "\(Legacy.keyIDs[2])#1"].sorted())
            #expect(snapshot.aliases.map(\.name.rawValue) == ["alias/legacy"])
            #expect(snapshot.grants.map(\.id.rawValue) == Legacy.grantIDs)

            let clock = ManualClock()
            let kms = try await KeyManagementService(store: store, dependencies: KMSDependencies(
                now: { clock.now }, randomBytes: { random.bytes($0) }))
            let context = KMSTestHarness.context(account: "000000000000")
            let plaintext = try await Decrypt.perform(DecryptRequest(ciphertextBlob: Data(base64Encoded: Legacy.ciphertext)!),
                                                     context: context, service: kms).plaintext
            #expect(plaintext == Data("made before the storage engine".utf8))

            // New keys and grants are numbered after the old ones.
            let created = try await CreateKey.perform(CreateKeyRequest(description: "new"), context: context, service: kms).keyMetadata!
            _ = try await CreateGrant.perform(CreateGrantRequest(keyId: created.keyId, granteePrincipal: "arn:aws:iam::000000000000:root",
                                                                operations: [.encrypt]), context: context, service: kms)
            let after = try await store.load()
            #expect(after.keys.map(\.id.rawValue) == Legacy.keyIDs + [created.keyId])
            #expect(Array(after.grants.map(\.id.rawValue).prefix(2)) == Legacy.grantIDs && after.grants.count == 3)
        }
    }

    @Test func identitiesAndSessionsOpenWithTheirSecrets() async throws {
        try await writeLegacyDatabase(at: path)
        try await withDatabase { database, rootKey in
            let iam = try await SQLIAMStore(database: database, rootKey: rootKey, randomBytes: { random.bytes($0) }).load()
            #expect(iam.users.map(\.name) == ["legacy-user"])
            #expect(iam.accessKeys.map(\.id) == [Legacy.accessKeyID])
            #expect(iam.accessKeys.map(\.secretAccessKey) == [Legacy.secretAccessKey])
            #expect(iam.roles.map(\.name) == ["legacy-role"])
            let sessions = try await SQLSessionStore(database: database, rootKey: rootKey, randomBytes: { random.bytes($0) }).load()
            #expect(sessions.map(\.accessKeyID) == [Legacy.sessionAccessKeyID])
            #expect(sessions.map(\.secretAccessKey) == [Legacy.sessionSecretAccessKey])
        }
    }

    @Test func auditRecordsContinueAfterTheOldOnes() async throws {
        try await writeLegacyDatabase(at: path)
        try await withDatabase { database, _ in
            let store = SQLAuditStore(database: database)
            let query = AuditQuery(account: "000000000000", region: "us-east-1", limit: 1000)
            let old = try await store.lookup(query)
            #expect(old.count == Legacy.auditRecordCount)
            // Every old record was marked sealed row by row; the seal position starts after them.
            #expect(try await store.unsealed(limit: 100).isEmpty)
            #expect(try await store.ledger().sealedRecords.count == Legacy.auditRecordCount)
            let newest = try #require(old.map(\.sequence).max())
            try await store.append([AuditEntry(AuditRecord(
                userIdentity: .init(type: "Root", accountID: "000000000000"), eventTime: Date(timeIntervalSince1970: 4_000_000_000),
                eventSource: "kms.amazonaws.com", eventName: "ListKeys", awsRegion: "us-east-1", sourceIPAddress: "127.0.0.1",
                userAgent: "test", requestID: "r", eventID: "e", readOnly: true, recipientAccountID: "000000000000"))],
                through: AuditJournal.Position(generation: 1, offset: 100))
            #expect(try await store.journalPosition() == AuditJournal.Position(generation: 1, offset: 100))
            let all = try await store.lookup(query)
            #expect(all.count == Legacy.auditRecordCount + 1)
            #expect(all.first?.eventName == "ListKeys" && all.first?.sequence == newest + 1)
        }
    }

    @Test func theOldMigrationsCountAsAppliedAndTheSchemaEndsAsANewDatabases() async throws {
        try await writeLegacyDatabase(at: path)
        func schema(_ database: Storage.SQLiteDatabase) async throws -> [String] {
            try await database.read { database in
                try await database.raw("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name").all()
                    .map { try $0.decode(column: "sql", as: String.self) }
            }
        }
        let (migrated, applied) = try await withDatabase { database, _ in
            (try await schema(database), try await database.read { database in
                try await database.raw("SELECT name FROM arca_migrations").all().map { try $0.decode(column: "name", as: String.self) }
            })
        }
        #expect(Set(applied) == Set(SQLSchema.all.flatMap(\.migrations).map(\.name)))
        let fresh = try await Storage.SQLiteDatabase.open(path: directory + "/fresh/arca.sqlite", logger: Logger(label: "fresh"))
        let freshSchema = try await schema(fresh)
        try await fresh.close()
        #expect(migrated == freshSchema)
    }
}
