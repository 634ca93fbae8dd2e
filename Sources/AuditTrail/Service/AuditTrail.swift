import Foundation
import Identity

/// The audit trail: every API call that reaches Arca becomes a CloudTrail record.
///
/// The rule is Vault's: a call whose audit record cannot be made durable fails, and a call that
/// was answered has its record. The request pipeline calls ``commit(_:)`` before it answers, which
/// writes the record to the journal (``AuditJournal``, one write per call, no database on the
/// request path); ``ingest()`` moves journaled records into the store that LookupEvents queries,
/// many per transaction, ``seal()`` writes the stored records into CloudTrail-layout log files and
/// ``digest(at:)`` signs what was sealed.
public final class AuditTrail: Sendable {
    private let writeLock = AsyncSerialLock()
    public let store: any AuditStore
    public let journal: AuditJournal
    public let files: AuditLogFiles
    public let signer: AuditSigner
    /// Every key that has signed this trail's digests, the current one last (what
    /// `ListPublicKeys` returns).
    public let publicKeys: [AuditPublicKey]
    /// Journal size past which the journal starts a new generation after an ingestion.
    let journalGenerationSize: UInt64

    /// `publicKeys`: the keys that signed earlier digests, and the signer's; by default only the
    /// signer's, valid from the Unix epoch on.
    public init(store: any AuditStore, journal: AuditJournal, files: AuditLogFiles, signer: AuditSigner,
                publicKeys: [AuditPublicKey]? = nil, journalGenerationSize: UInt64 = 16 << 20) {
        self.store = store
        self.journal = journal
        self.files = files
        self.signer = signer
        self.publicKeys = publicKeys ?? [AuditPublicKey(der: signer.publicKeyDER, validFrom: Date(timeIntervalSince1970: 0))]
        self.journalGenerationSize = journalGenerationSize
    }

    /// Makes `records` durable and returns only then; throws if they could not be written, in
    /// which case the call they describe must fail.
    public func commit(_ records: [AuditRecord]) throws {
        try journal.append(records.map(AuditEntry.init))
    }

    /// Moves every journaled record the store lacks into it; returns how many. LookupEvents and
    /// sealing call it first, so they see every answered call.
    @discardableResult
    public func ingest() async throws -> Int {
        try await writeLock.run { try await ingestHoldingLock() }
    }

    private func ingestHoldingLock() async throws -> Int {
        // Up to where the journal was when ingestion began: appends made meanwhile wait for the
        // next round, so a busy server cannot keep one ingestion running.
        let target = journal.end
        var position = try await store.journalPosition()
        var ingested = 0
        while true {
            let (entries, end) = try journal.entries(after: position)
            if end != position {
                try await store.append(entries, through: end)
                ingested += entries.count
                position = end
            }
            if entries.isEmpty || end.offset >= target.offset { break }
        }
        if let position { try journal.startNewGeneration(ifStoredThrough: position, minimumSize: journalGenerationSize) }
        return ingested
    }

    /// Writes every durable record not yet in a log file into log files, one per account and
    /// region and batch; returns the paths written.
    @discardableResult
    public func seal(batchSize: Int = 10_000) async throws -> [String] {
        try await writeLock.run {
            try await ingestHoldingLock()
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
