import Crypto
import Foundation
import Synchronization
import Testing
@testable import AuditTrail

/// The trail's journal-to-store ingestion and its sealing into CloudTrail-layout files.
@Suite struct AuditTrailTests {
    /// Keeps records in memory; can be made to fail like a full disk.
    final class MemoryStore: AuditStore {
        let rows = Mutex<[StoredAuditRecord]>([])
        let sealed = Mutex<Set<Int64>>([])
        let failNext = Mutex(false)
        let position = Mutex<AuditJournal.Position?>(nil)

        func append(_ entries: [AuditEntry], through position: AuditJournal.Position) async throws {
            let fail = failNext.withLock { failNext in
                defer { failNext = false }
                return failNext
            }
            if fail { throw CancellationError() }
            rows.withLock { rows in
                for entry in entries { rows.append(StoredAuditRecord(sequence: Int64(rows.count + 1), entry)) }
            }
            self.position.withLock { $0 = position }
        }

        func journalPosition() async throws -> AuditJournal.Position? { position.withLock { $0 } }

        func lookup(_ query: AuditQuery) async throws -> [StoredAuditRecord] { rows.withLock { $0.reversed() } }

        func unsealed(limit: Int) async throws -> [UnsealedAuditRecord] {
            let sealed = sealed.withLock { $0 }
            return rows.withLock { $0 }.filter { !sealed.contains($0.sequence) }.prefix(limit).map {
                UnsealedAuditRecord(sequence: $0.sequence, eventID: $0.eventID, eventTime: $0.eventTime, account: $0.account,
                                    region: $0.region, json: $0.json)
            }
        }

        let files = Mutex<[AuditLogFileEntry]>([])
        let digests = Mutex<[(AuditDigestEntry, [String])]>([])

        func markSealed(_ sequences: [Int64], files: [AuditLogFileEntry]) async throws {
            sealed.withLock { $0.formUnion(sequences) }
            self.files.withLock { $0 += files }
        }

        func undigestedFiles() async throws -> [AuditLogFileEntry] {
            let listed = Set(digests.withLock { $0.flatMap(\.1) })
            return files.withLock { $0 }.filter { !listed.contains($0.path) }
        }

        func lastDigest(account: String, region: String) async throws -> AuditDigestEntry? {
            digests.withLock { $0.last { $0.0.account == account && $0.0.region == region }?.0 }
        }

        func recordDigest(_ digest: AuditDigestEntry, listing files: [String]) async throws {
            digests.withLock { $0.append((digest, files)) }
        }
    }

    static func record(_ id: Int, account: String = "111122223333", region: String = "us-east-1") -> AuditRecord {
        var record = AuditRecordTests.record()
        record.eventID = "event-\(id)"
        record.recipientAccountID = account
        record.awsRegion = region
        record.eventTime = Date(timeIntervalSince1970: 1_700_000_000 + Double(id))
        return record
    }

    static let signer = try! AuditSigner(seed: SymmetricKey(data: [UInt8](repeating: 4, count: 32)))
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("arca-audit-\(UUID().uuidString)").path

    /// A trail whose journal and log files are under `root`.
    static func trail(_ store: some AuditStore, root: String, signer: AuditSigner = signer,
                      journalGenerationSize: UInt64 = 16 << 20) throws -> AuditTrail {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        return AuditTrail(store: store, journal: try AuditJournal.open(path: root + "/audit-journal"),
                          files: AuditLogFiles(root: root), signer: signer, journalGenerationSize: journalGenerationSize)
    }

    @Test func ingestionMovesJournaledRecordsOnceAndAFailedOneLeavesThemForTheNext() async throws {
        let store = MemoryStore()
        let trail = try Self.trail(store, root: root)
        try trail.commit([Self.record(1), Self.record(2)])
        store.failNext.withLock { $0 = true }
        await #expect(throws: CancellationError.self) { try await trail.ingest() }
        #expect(store.rows.withLock { $0.isEmpty })
        try trail.commit([Self.record(3)])
        #expect(try await trail.ingest() == 3)
        #expect(store.rows.withLock { $0.map(\.eventID) } == ["event-1", "event-2", "event-3"])
        #expect(try await trail.ingest() == 0)
        // The stored entry is the record: its index fields and its CloudTrail JSON.
        #expect(store.rows.withLock { $0[0] } == StoredAuditRecord(sequence: 1, AuditEntry(Self.record(1))))
        try? FileManager.default.removeItem(atPath: root)
    }

    @Test func recordsJournaledBeforeARestartAreIngestedAfterIt() async throws {
        let store = MemoryStore()
        try Self.trail(store, root: root).commit([Self.record(1), Self.record(2)])
        // A new process: the journal is opened again, the store is the same database.
        let restarted = try Self.trail(store, root: root)
        try restarted.commit([Self.record(3)])
        #expect(try await restarted.ingest() == 3)
        #expect(try await Self.trail(store, root: root).ingest() == 0)
        #expect(store.rows.withLock { $0.map(\.eventID) } == ["event-1", "event-2", "event-3"])
        try? FileManager.default.removeItem(atPath: root)
    }

    @Test func aFullyIngestedJournalStartsANewGenerationAndLosesNothing() async throws {
        let store = MemoryStore()
        let trail = try Self.trail(store, root: root, journalGenerationSize: 1)
        try trail.commit([Self.record(1)])
        #expect(try await trail.ingest() == 1)
        #expect(trail.journal.end == AuditJournal.Position(generation: 2, offset: AuditJournal.headerSize))
        let size = try FileManager.default.attributesOfItem(atPath: root + "/audit-journal")[.size] as? Int
        #expect(size == Int(AuditJournal.headerSize))
        try trail.commit([Self.record(2)])
        // A restart between the new generation and the next ingestion: the store's position names
        // the old generation, so the new file is read from its start.
        let restarted = try Self.trail(store, root: root, journalGenerationSize: 1)
        #expect(try await restarted.ingest() == 1)
        #expect(store.rows.withLock { $0.map(\.eventID) } == ["event-1", "event-2"])
        #expect(restarted.journal.end.generation == 3)
        try? FileManager.default.removeItem(atPath: root)
    }

    @Test func concurrentCommitsAreEachJournaledWhole() async throws {
        let store = MemoryStore()
        let trail = try Self.trail(store, root: root)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in 1...64 { group.addTask { try trail.commit([Self.record(id), Self.record(1000 + id)]) } }
            try await group.waitForAll()
        }
        #expect(try await trail.ingest() == 128)
        let ids = store.rows.withLock { $0.map(\.eventID) }
        #expect(Set(ids) == Set((1...64).flatMap { ["event-\($0)", "event-\(1000 + $0)"] }))
        // A call's records stay together.
        for id in 1...64 {
            let index = try #require(ids.firstIndex(of: "event-\(id)"))
            #expect(ids[index + 1] == "event-\(1000 + id)")
        }
        try? FileManager.default.removeItem(atPath: root)
    }

    @Test func sealWritesOneGzipFilePerAccountAndRegionInCloudTrailsLayout() async throws {
        let store = MemoryStore()
        let trail = try Self.trail(store, root: root)
        try trail.commit([Self.record(1), Self.record(2, account: "444455556666"), Self.record(3, region: "eu-west-1")])
        let paths = try await trail.seal().sorted()
        #expect(paths.count == 3)
        #expect(paths.allSatisfy { $0.range(of: #"^AWSLogs/\d{12}/CloudTrail/[a-z0-9-]+/2023/11/14/\d{12}_CloudTrail_[a-z0-9-]+_20231114T22\d{2}Z_[0-9a-f]{16}\.json\.gz$"#,
                                               options: .regularExpression) != nil })
        #expect(paths.contains { $0.hasPrefix("AWSLogs/444455556666/CloudTrail/us-east-1/") })
        #expect(paths.contains { $0.hasPrefix("AWSLogs/111122223333/CloudTrail/eu-west-1/") })
        let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(root)/\(paths[0])"))
        #expect(bytes.prefix(2) == Data([0x1F, 0x8B]))  // gzip
        #expect(try await trail.seal().isEmpty)  // nothing left to seal
        try? FileManager.default.removeItem(atPath: root)
    }

    /// A trail with two sealed, digested batches: the second digest chained to the first.
    func digestedTrail() async throws -> (AuditTrail, [String]) {
        let trail = try Self.trail(MemoryStore(), root: root)
        try trail.commit([Self.record(1), Self.record(2, account: "444455556666")])
        let firstSealed = try await trail.seal()
        let first = try await trail.digest(at: Date(timeIntervalSince1970: 1_700_003_600))
        try trail.commit([Self.record(3)])
        let sealed = try await trail.seal()
        let second = try await trail.digest(at: Date(timeIntervalSince1970: 1_700_007_200))
        #expect(first.count == 2 && second.count == 1)
        return (trail, firstSealed + sealed + first + second)
    }

    func findings() throws -> [AuditVerifier.Finding] {
        try AuditVerifier(root: root, publicKey: Self.signer.publicKey).verify().findings
    }

    @Test func untouchedLogsVerify() async throws {
        _ = try await digestedTrail()
        let report = try AuditVerifier(root: root, publicKey: Self.signer.publicKey).verify()
        #expect(report.findings.isEmpty && report.logFiles == 3 && report.digests == 3)
        try? FileManager.default.removeItem(atPath: root)
    }

    @Test func everyKindOfTamperingIsNamed() async throws {
        let (_, paths) = try await digestedTrail()
        let logs = paths.filter { $0.contains("/CloudTrail/") && $0.contains("/444455556666/") }
        let digests = paths.filter { $0.contains("/CloudTrail-Digest/") }
        // Modified: one byte of a log file.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: "\(root)/\(logs[0])"))
        bytes[bytes.count - 5] ^= 1
        try bytes.write(to: URL(fileURLWithPath: "\(root)/\(logs[0])"))
        // Inserted: a copy under another name.
        let inserted = logs[0].replacingOccurrences(of: ".json.gz", with: "0.json.gz")
        try FileManager.default.copyItem(atPath: "\(root)/\(logs[0])", toPath: "\(root)/\(inserted)")
        // The first digest of account 111122223333 removed: the second no longer follows a digest that
        // exists, and the log file it listed is listed nowhere.
        let firstDigest = try #require(digests.first { $0.contains("AWSLogs/111122223333/") })
        try FileManager.default.removeItem(atPath: "\(root)/\(firstDigest)")
        let found = try findings()
        #expect(found.contains(.modified(logs[0])))
        #expect(found.contains(.inserted(inserted)))
        #expect(found.contains(.deleted(firstDigest)))
        #expect(found.contains { if case .inserted(let path) = $0, path.contains("/111122223333/"), path != inserted { true } else { false } })
        try? FileManager.default.removeItem(atPath: root)
    }

    @Test func aChangedDigestOrALogFileRemovedIsNamed() async throws {
        let (_, paths) = try await digestedTrail()
        let digest = try #require(paths.first { $0.contains("/CloudTrail-Digest/") && $0.contains("/444455556666/") })
        let log = try #require(paths.first { $0.contains("/CloudTrail/") && $0.contains("/444455556666/") })
        try FileManager.default.removeItem(atPath: "\(root)/\(log)")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: "\(root)/\(digest)"))
        bytes[12] ^= 1
        try bytes.write(to: URL(fileURLWithPath: "\(root)/\(digest)"))
        let found = try findings()
        #expect(found.contains { if case .invalidDigest(let path, _) = $0 { path == digest } else { false } })
        let other = try #require(paths.first { $0.contains("/CloudTrail-Digest/") && $0.contains("/111122223333/") })
        #expect(!found.contains { if case .invalidDigest(let path, _) = $0 { path == other } else { false } })
        try? FileManager.default.removeItem(atPath: root)
    }
}
