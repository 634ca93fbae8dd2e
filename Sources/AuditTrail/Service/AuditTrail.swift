import Foundation
import Identity
import Synchronization

/// The audit trail: every API call that reaches Arca becomes a CloudTrail record.
///
/// Recording is cheap on the request path: a record is appended to an in-memory queue, and
/// ``flush()`` — run by the server every 100 ms — makes the queue durable in the store in one
/// transaction. A call can therefore be acknowledged up to one flush interval before its record
/// is durable: a `kill -9` loses at most the records of the last interval. ``seal()`` writes the
/// records into CloudTrail-layout log files.
public final class AuditTrail: Sendable {
    private let queue = Mutex<[AuditRecord]>([])
    private let writeLock = AsyncSerialLock()
    public let store: any AuditStore
    public let files: AuditLogFiles
    public let signer: AuditSigner

    public init(store: any AuditStore, files: AuditLogFiles, signer: AuditSigner) {
        self.store = store
        self.files = files
        self.signer = signer
    }

    /// Queues a record; it is durable after the next flush.
    public func record(_ record: AuditRecord) {
        queue.withLock { $0.append(record) }
    }

    /// How many records wait for the next flush.
    public var pendingCount: Int { queue.withLock { $0.count } }

    /// Makes every queued record durable; returns how many were written. On failure the records
    /// go back to the queue for the next flush.
    @discardableResult
    public func flush() async throws -> Int {
        try await writeLock.run {
            let batch = queue.withLock { queue in
                defer { queue.removeAll(keepingCapacity: true) }
                return queue
            }
            guard !batch.isEmpty else { return 0 }
            do {
                try await store.append(batch)
            } catch {
                queue.withLock { $0.insert(contentsOf: batch, at: 0) }
                throw error
            }
            return batch.count
        }
    }

    /// Writes every durable record not yet in a log file into log files, one per account and
    /// region and batch; returns the paths written.
    @discardableResult
    public func seal(batchSize: Int = 10_000) async throws -> [String] {
        try await writeLock.run {
            var written: [String] = []
            while true {
                let records = try await store.unsealed(limit: batchSize)
                guard !records.isEmpty else { return written }
                let groups = Dictionary(grouping: records) { "\($0.account)/\($0.region)" }
                var entries: [AuditLogFileEntry] = []
                for key in groups.keys.sorted() {
                    let group = groups[key]!
                    if let entry = try files.write(group, account: group[0].account, region: group[0].region) {
                        entries.append(entry)
                        written.append(entry.path)
                    }
                }
                try await store.markSealed(records.map(\.sequence), files: entries)
                if records.count < batchSize { return written }
            }
        }
    }

    /// Writes a signed digest for each account and region with log files no digest lists yet,
    /// chained to its previous digest; returns the digests written.
    @discardableResult
    public func digest(at end: Date) async throws -> [String] {
        try await writeLock.run {
            let pending = try await store.undigestedFiles()
            let groups = Dictionary(grouping: pending) { "\($0.account)/\($0.region)" }
            var written: [String] = []
            for key in groups.keys.sorted() {
                let group = groups[key]!
                let (account, region) = (group[0].account, group[0].region)
                let previous = try await store.lastDigest(account: account, region: region)
                let start = previous?.endTime ?? group.map(\.oldestEventTime).min() ?? end
                // Digests are named by their end time to the second: never two in one second.
                let stamp = max(end, (previous?.endTime ?? .distantPast).addingTimeInterval(1))
                let digest = try AuditDigests.write(root: files.root, account: account, region: region, files: group,
                                                    previous: previous, start: start, end: stamp, signer: signer)
                try await store.recordDigest(digest, listing: group.map(\.path))
                written.append(digest.path)
            }
            return written
        }
    }
}
