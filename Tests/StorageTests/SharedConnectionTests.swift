import ArcaTestSupport
import Foundation
import Identity
import KeyManagement
import Logging
import Testing
@testable import Storage

/// Every store shares one SQLite connection: concurrent writers must not share a transaction, or
/// one writer's rollback would undo another's acknowledged write.
@Suite struct SharedConnectionTests {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("arca-shared-\(UUID().uuidString).sqlite").path
    let random = SeededRandom(seed: "shared-connection")

    static func grant(_ byte: UInt8) -> KMSGrant {
        KMSGrant(id: GrantID(bytes: [UInt8](repeating: byte, count: 32)), keyID: KeyID("1234abcd-12ab-34cd-56ef-1234567890ab")!,
                 scope: KMSScope(account: AccountID("111122223333")!, region: "us-east-1"), name: nil,
                 creationDate: Date(timeIntervalSince1970: 0), granteePrincipal: "arn:aws:iam::111122223333:user/alice",
                 retiringPrincipal: nil, issuingAccount: AccountID("111122223333")!, operations: [.encrypt], constraints: nil)
    }

    @Test func aFailingWriterDoesNotUndoAConcurrentOne() async throws {
        let database = try await SQLiteDatabase.open(path: path, logger: Logger(label: "test"))
        let rootKey = try RootKey(bytes: [UInt8](repeating: 9, count: 32))
        let sessions = SQLSessionStore(database: database, rootKey: rootKey, randomBytes: { random.bytes($0) })
        let kms = SQLKMSStore(database: database, rootKey: rootKey, randomBytes: { random.bytes($0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    try await sessions.save(RoleSession(
                        accessKeyID: "ASIA\(String(format: "%016d", index))", secretAccessKey: "s", sessionToken: "t",
                        expiration: Date(timeIntervalSince1970: 2_000_000_000), account: AccountID("111122223333")!,
                        roleName: "app", rolePath: "/", roleID: "AROAAPP", sessionName: "s\(index)", chained: false))
                }
                group.addTask {
                    // The same grant twice in one change set: the second insert fails and the whole set rolls back.
                    let grant = Self.grant(UInt8(index))
                    try? await kms.apply([.putGrant(grant), .putGrant(grant)])
                }
            }
            try await group.waitForAll()
        }
        #expect(try await sessions.load().count == 40)
        #expect(try await kms.load().grants.isEmpty)
        try await database.close()
    }
}
