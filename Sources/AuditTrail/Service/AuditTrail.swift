import Foundation
import Identity
import Synchronization

/// The audit trail: every API call that reaches Arca becomes a CloudTrail record.
///
/// The rule is Vault's: a call whose audit record cannot be made durable fails, and a call that
/// was answered has its record. The request pipeline awaits ``commit(_:)`` before it answers;
/// concurrent calls share one store transaction (group commit, see `AuditGroupCommit`), so the
/// cost of durability is one fsync per batch, not per call. ``seal()`` writes the durable records
/// into CloudTrail-layout log files and ``digest(at:)`` signs what was sealed.
///
/// ``record(_:)`` and ``flush()`` are the older, queued path (durable only at the next flush);
/// they remain while callers move to ``commit(_:)``.
public final class AuditTrail: Sendable {
    private let queue = Mutex<[AuditRecord]>([])
    private let writeLock = AsyncSerialLock()
    private let groupCommit: AuditGroupCommit
    public let store: any AuditStore
    public let files: AuditLogFiles
    public let signer: AuditSigner
    /// Every key that has signed this trail's digests, the current one last (what
    /// `ListPublicKeys` returns).
    public let publicKeys: [AuditPublicKey]

    /// `publicKeys`: the keys that signed earlier digests, and the signer's; by default only the
    /// signer's, valid from the Unix epoch on.
    public init(store: any AuditStore, files: AuditLogFiles, signer: AuditSigner, publicKeys: [AuditPublicKey]? = nil) {
        self.store = store
        self.files = files
        self.signer = signer
        self.publicKeys = publicKeys ?? [AuditPublicKey(der: signer.publicKeyDER, validFrom: Date(timeIntervalSince1970: 0))]
        self.groupCommit = AuditGroupCommit(append: { [store] records in try await store.append(records) })
    }

    /// Makes `records` durable and returns only then; throws if they could not be written, in
    /// which case the call they describe must fail.
    ///
    /// Concurrent callers are written together: whatever queued while the previous write ran goes
    /// into the next transaction, and every caller of a failed write gets its error.
    public func commit(_ records: [AuditRecord]) async throws {
        try await groupCommit.commit(records)
    }

    /// How many callers of ``commit(_:)`` wait for the running write to end.
    var commitsWaiting: Int { groupCommit.waitingCount }

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
                try await commit(batch)
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
