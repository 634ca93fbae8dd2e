import AuditTrail
import Foundation
import Logging
import Testing
@testable import Storage

/// Entries moved from the journal into SQLite: numbered in order, findable by their resources,
/// stored with the journal position in the same transaction.
@Suite struct SQLAuditStoreTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("arca-audit-store-\(UUID().uuidString)").path

    static func entry(_ id: Int, resources: [AuditRecord.Resource]) -> AuditEntry {
        AuditEntry(eventID: "event-\(id)", eventTime: Date(timeIntervalSince1970: 1_700_000_000 + Double(id)),
                   account: "111122223333", region: "us-east-1", eventName: "Encrypt", eventSource: "kms.amazonaws.com",
                   readOnly: true, userName: "root", accessKeyID: "AKIA\(id)", resources: resources, json: #"{"eventID":"event-\#(id)"}"#)
    }

    static let key = AuditRecord.Resource(arn: "arn:aws:kms:us-east-1:111122223333:key/k-1", accountID: "111122223333",
                                          type: "AWS::KMS::Key")
    static let foreign = AuditRecord.Resource(arn: "arn:aws:kms:us-east-1:444455556666:key/\"quoted\"", accountID: "444455556666",
                                              type: "AWS::KMS::Key")

    @Test func entriesAreStoredInOrderWithTheirResourcesAndThePosition() async throws {
        let database = try await SQLiteDatabase.open(path: directory + "/arca.sqlite", logger: Logger(label: "test"))
        let store = SQLAuditStore(database: database)
        #expect(try await store.journalPosition() == nil)
        let first = AuditJournal.Position(generation: 1, offset: 500)
        try await store.append([Self.entry(1, resources: [Self.key, Self.foreign]), Self.entry(2, resources: [])], through: first)
        try await store.append([], through: AuditJournal.Position(generation: 2, offset: 16))
        #expect(try await store.journalPosition() == AuditJournal.Position(generation: 2, offset: 16))
        let all = try await store.lookup(AuditQuery(account: "111122223333", region: "us-east-1", limit: 10))
        #expect(all.map(\.eventID) == ["event-2", "event-1"])
        #expect(all.map(\.sequence) == [2, 1])
        #expect(all.last == StoredAuditRecord(sequence: 1, Self.entry(1, resources: [Self.key, Self.foreign])))
        let byResource = try await store.lookup(AuditQuery(account: "111122223333", region: "us-east-1",
                                                           attribute: .resourceName(Self.foreign.arn), limit: 10))
        #expect(byResource.map(\.eventID) == ["event-1"])
        try await database.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func sealingMovesOnePositionThatUnsealedAndTheLedgerFollow() async throws {
        let database = try await SQLiteDatabase.open(path: directory + "/arca.sqlite", logger: Logger(label: "test"))
        let store = SQLAuditStore(database: database)
        try await store.append((1...3).map { Self.entry($0, resources: []) }, through: AuditJournal.Position(generation: 1, offset: 99))
        let firstTwo = try await store.unsealed(limit: 2)
        #expect(firstTwo.map(\.sequence) == [1, 2])
        try await store.markSealed(firstTwo.map(\.sequence), files: [])
        #expect(try await store.unsealed(limit: 10).map(\.eventID) == ["event-3"])
        #expect(try await store.ledger().sealedRecords.map(\.eventID) == ["event-1", "event-2"])
        // A batch sealed again, or an older one, never moves the position back.
        try await store.markSealed([1], files: [])
        #expect(try await store.unsealed(limit: 10).map(\.eventID) == ["event-3"])
        try await store.markSealed([3], files: [])
        #expect(try await store.unsealed(limit: 10).isEmpty)
        try await database.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Rows written before the store wrote this column itself hold Foundation's `JSONEncoder`
    /// output, which escapes `/`.
    @Test func resourcesWrittenByJSONEncoderReadBack() throws {
        struct Row: Encodable { var arn: String; var accountID: String; var type: String }
        let encoded = try JSONEncoder().encode([Row(arn: Self.foreign.arn, accountID: Self.foreign.accountID, type: Self.foreign.type)])
        #expect(String(decoding: encoded, as: UTF8.self).contains(#"\/"#))
        #expect(try SQLAuditStore.resources(fromJSON: String(decoding: encoded, as: UTF8.self)) == [Self.foreign])
        #expect(try SQLAuditStore.resources(fromJSON: SQLAuditStore.resourcesJSON([Self.key, Self.foreign])) == [Self.key, Self.foreign])
        #expect(throws: (any Error).self) { try SQLAuditStore.resources(fromJSON: #"[{"arn":1}]"#) }
    }
}
