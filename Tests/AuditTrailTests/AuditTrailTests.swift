import Foundation
import Synchronization
import Testing
@testable import AuditTrail

/// The trail's queue, its durable flushes and its sealing into CloudTrail-layout files.
@Suite struct AuditTrailTests {
    /// Keeps records in memory; can be made to fail like a full disk.
    final class MemoryStore: AuditStore {
        let rows = Mutex<[StoredAuditRecord]>([])
        let sealed = Mutex<Set<Int64>>([])
        let failNext = Mutex(false)

        func append(_ records: [AuditRecord]) async throws {
            let fail = failNext.withLock { failNext in
                defer { failNext = false }
                return failNext
            }
            if fail { throw CancellationError() }
            rows.withLock { rows in
                for record in records {
                    rows.append(StoredAuditRecord(
                        sequence: Int64(rows.count + 1), eventID: record.eventID, eventTime: record.eventTime,
                        account: record.recipientAccountID, region: record.awsRegion, eventName: record.eventName,
                        eventSource: record.eventSource, readOnly: record.readOnly, userName: record.lookupUserName,
                        accessKeyID: record.userIdentity.accessKeyID, resources: record.resources, json: record.json))
                }
            }
        }

        func lookup(_ query: AuditQuery) async throws -> [StoredAuditRecord] { rows.withLock { $0.reversed() } }

        func unsealed(limit: Int) async throws -> [StoredAuditRecord] {
            let sealed = sealed.withLock { $0 }
            return Array(rows.withLock { $0 }.filter { !sealed.contains($0.sequence) }.prefix(limit))
        }

        func markSealed(_ sequences: [Int64]) async throws { sealed.withLock { $0.formUnion(sequences) } }
    }

    static func record(_ id: Int, account: String = "111122223333", region: String = "us-east-1") -> AuditRecord {
        var record = AuditRecordTests.record()
        record.eventID = "event-\(id)"
        record.recipientAccountID = account
        record.awsRegion = region
        record.eventTime = Date(timeIntervalSince1970: 1_700_000_000 + Double(id))
        return record
    }

    let root = FileManager.default.temporaryDirectory.appendingPathComponent("arca-audit-\(UUID().uuidString)").path

    @Test func flushMakesQueuedRecordsDurableAndAFailureKeepsThem() async throws {
        let store = MemoryStore()
        let trail = AuditTrail(store: store, files: AuditLogFiles(root: root))
        trail.record(Self.record(1))
        trail.record(Self.record(2))
        store.failNext.withLock { $0 = true }
        await #expect(throws: CancellationError.self) { try await trail.flush() }
        #expect(trail.pendingCount == 2)
        trail.record(Self.record(3))
        #expect(try await trail.flush() == 3)
        #expect(store.rows.withLock { $0.map(\.eventID) } == ["event-1", "event-2", "event-3"])
        #expect(try await trail.flush() == 0)
    }

    @Test func sealWritesOneGzipFilePerAccountAndRegionInCloudTrailsLayout() async throws {
        let store = MemoryStore()
        let trail = AuditTrail(store: store, files: AuditLogFiles(root: root))
        trail.record(Self.record(1))
        trail.record(Self.record(2, account: "444455556666"))
        trail.record(Self.record(3, region: "eu-west-1"))
        try await trail.flush()
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
}
