import Foundation
import Testing
@testable import AuditTrail

/// The journal's file: what is appended reads back the same, across reopening, and a write cut
/// short by a crash costs only the entry it was writing.
@Suite struct AuditJournalTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("arca-journal-\(UUID().uuidString)").path
    var path: String { directory + "/audit-journal" }

    init() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    static func entry(_ id: Int, userName: String? = "alice", accessKeyID: String? = nil,
                      resources: [AuditRecord.Resource] = []) -> AuditEntry {
        AuditEntry(eventID: "event-\(id)", eventTime: Date(timeIntervalSince1970: 1_700_000_000.125 + Double(id)),
                   account: "111122223333", region: "eu-west-1", eventName: "Encrypt", eventSource: "kms.amazonaws.com",
                   readOnly: id % 2 == 0, userName: userName, accessKeyID: accessKeyID, resources: resources,
                   json: #"{"eventID":"event-\#(id)","note":"çé ✓ \u0000"}"#)
    }

    static let entries = [
        entry(1),
        entry(2, userName: nil, accessKeyID: "AKIAEXAMPLE",
              resources: [AuditRecord.Resource(arn: "arn:aws:kms:eu-west-1:111122223333:key/k", accountID: "111122223333",
                                               type: "AWS::KMS::Key"),
                          AuditRecord.Resource(arn: "arn:aws:kms:eu-west-1:444455556666:key/o", accountID: "444455556666",
                                               type: "AWS::KMS::Key")]),
        entry(3, userName: ""),
    ]

    @Test func entriesReadBackAsWrittenAcrossReopening() throws {
        let journal = try AuditJournal.open(path: path)
        try journal.append(Array(Self.entries[0..<2]))
        try journal.append([Self.entries[2]])
        let (read, end) = try journal.entries(after: nil)
        #expect(read == Self.entries)
        #expect(end == journal.end && end.generation == 1)
        let reopened = try AuditJournal.open(path: path)
        #expect(try reopened.entries(after: nil).entries == Self.entries)
        #expect(reopened.end == end)
        // From a position on: only what came after it.
        let afterFirst = try journal.entries(after: nil, maximumBytes: 1).end
        #expect(try reopened.entries(after: afterFirst).entries == Array(Self.entries[1...]))
        #expect(try reopened.entries(after: end).entries.isEmpty)
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func aReadStopsAtWholeEntriesAndGrowsForOneLargerThanItsChunk() throws {
        let journal = try AuditJournal.open(path: path)
        try journal.append(Self.entries)
        var position: AuditJournal.Position?
        var read: [AuditEntry] = []
        // 64 bytes is less than any one entry: each read still returns whole entries, at least one.
        var reads = 0
        while true {
            let (chunk, end) = try journal.entries(after: position, maximumBytes: 64)
            if chunk.isEmpty { break }
            reads += 1
            read += chunk
            position = end
        }
        #expect(reads >= 2)
        #expect(read == Self.entries)
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func aWriteCutShortIsDroppedOnReopeningAndTheJournalGoesOn() throws {
        let journal = try AuditJournal.open(path: path)
        try journal.append(Self.entries)
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        // The process died 5 bytes before the end of the last entry.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(size - 5))
        try handle.close()
        let reopened = try AuditJournal.open(path: path)
        #expect(try reopened.entries(after: nil).entries == Array(Self.entries[0..<2]))
        try reopened.append([Self.entry(4)])
        #expect(try AuditJournal.open(path: path).entries(after: nil).entries == Array(Self.entries[0..<2]) + [Self.entry(4)])
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func aDamagedEntryEndsTheJournal() throws {
        let journal = try AuditJournal.open(path: path)
        try journal.append([Self.entries[0]])
        let firstEnd = journal.end.offset
        try journal.append([Self.entries[1]])
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[Int(firstEnd) + 20] ^= 0x40  // a byte of the second entry's payload: its CRC no longer matches
        try bytes.write(to: URL(fileURLWithPath: path))
        let reopened = try AuditJournal.open(path: path)
        #expect(try reopened.entries(after: nil).entries == [Self.entries[0]])
        #expect(reopened.end.offset == firstEnd)
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func aFileThatIsNoJournalIsRefusedAndAPositionPastTheEndIsDamage() throws {
        try Data("not a journal at all".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: AuditJournal.DamagedJournal.self) { try AuditJournal.open(path: path) }
        try FileManager.default.removeItem(atPath: path)
        let journal = try AuditJournal.open(path: path)
        #expect(throws: AuditJournal.DamagedJournal.self) {
            try journal.entries(after: AuditJournal.Position(generation: 1, offset: 1 << 40))
        }
        #expect(throws: AuditJournal.DamagedJournal.self) {
            try journal.entries(after: AuditJournal.Position(generation: 2, offset: AuditJournal.headerSize))
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func aJournalOlderThanTheStoresPositionStartsAfterItOnlyIfItIsEmpty() throws {
        let stored = AuditJournal.Position(generation: 3, offset: 900)
        // Missing (deleted, or a data directory restored without it): created after the store's generation.
        let created = try AuditJournal.open(path: path, storedPosition: stored)
        #expect(created.end == AuditJournal.Position(generation: 4, offset: AuditJournal.headerSize))
        try created.append([Self.entries[0]])
        #expect(try created.entries(after: stored).entries == [Self.entries[0]])
        // The same generation as the store's, or a newer one: opened as it is.
        #expect(try AuditJournal.open(path: path, storedPosition: AuditJournal.Position(generation: 4, offset: 16)).end == created.end)
        try FileManager.default.removeItem(atPath: path)
        // An empty journal of an older generation: started afresh after the store's.
        _ = try AuditJournal.open(path: path)
        #expect(try AuditJournal.open(path: path, storedPosition: stored).end.generation == 4)
        try FileManager.default.removeItem(atPath: path)
        // An older journal that holds records is not the one the store read: refused, not guessed at.
        try AuditJournal.open(path: path).append([Self.entries[1]])
        #expect(throws: AuditJournal.DamagedJournal.self) { try AuditJournal.open(path: path, storedPosition: stored) }
        #expect(try AuditJournal.open(path: path).entries(after: nil).entries == [Self.entries[1]])
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func theJournalIsCreatedReadableByItsOwnerOnly() throws {
        _ = try AuditJournal.open(path: path)
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func aNewGenerationKeepsOnlyWhatTheStoreLacks() throws {
        let journal = try AuditJournal.open(path: path)
        try journal.append([Self.entries[0]])
        let stored = journal.end
        // Appended after the store last read: a busy server is never without such entries.
        try journal.append([Self.entries[1]])
        #expect(try !journal.startNewGeneration(ifStoredThrough: stored, minimumSize: 1 << 30))
        #expect(try !journal.startNewGeneration(ifStoredThrough: AuditJournal.Position(generation: 1, offset: 1 << 40), minimumSize: 0))
        #expect(try journal.startNewGeneration(ifStoredThrough: stored, minimumSize: 0))
        #expect(journal.end.generation == 2)
        // The store's position names generation 1: the new file is read from its start.
        #expect(try journal.entries(after: stored).entries == [Self.entries[1]])
        try journal.append([Self.entries[2]])
        let reopened = try AuditJournal.open(path: path)
        #expect(try reopened.entries(after: stored).entries == [Self.entries[1], Self.entries[2]])
        #expect(reopened.end == journal.end)
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect(!FileManager.default.fileExists(atPath: path + ".next"))
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The check value of CRC-32/ISO-HDLC (zlib's `crc32`), from the catalogue of parametrised
    /// CRC algorithms: CRC of the ASCII bytes "123456789".
    @Test func theChecksumIsZlibsCRC32() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        // Python's `zlib.crc32(bytes((i * 7 + 3) % 256 for i in range(300))[:n])` for n = 0...19 and
        // 300: every length around the eight-byte step, and a long run.
        let data = (0..<300).map { UInt8(($0 * 7 + 3) % 256) }
        let zlib: [UInt32] = [
            0, 1259060791, 2317461538, 1834528563, 2127777378, 4240978242, 2552333053, 1414077659, 3806550392, 1026891006, 283649334, 313027333, 3373392541, 2843399617, 2988120973, 2086772444, 421477791, 2074566371, 1537893171, 4147550030,
        ]
        for (length, expected) in zlib.enumerated() { #expect(CRC32.checksum(data[0..<length]) == expected) }
        #expect(CRC32.checksum(data) == 3725481934)
        #expect(CRC32.checksum(AnySequenceOfBytes(data)) == 3725481934)
    }

    /// A collection without contiguous storage, for the checksum's copying path.
    struct AnySequenceOfBytes: Collection {
        let bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        var startIndex: Int { 0 }
        var endIndex: Int { bytes.count }
        func index(after index: Int) -> Int { index + 1 }
        subscript(index: Int) -> UInt8 { bytes[index] }
    }
}
