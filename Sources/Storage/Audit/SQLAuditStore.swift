import AWSWire
import AuditTrail
import Foundation
import SQLKit

/// The audit records over any SQL engine: the index LookupEvents queries, and the staging from
/// which log files are sealed (`audit_seal_position` says up to which record they are in files).
public final class SQLAuditStore: AuditStore {
    private let engine: any SQLEngine

    public init(database engine: any SQLEngine) {
        self.engine = engine
    }

    /// The `resources` column: `[{"arn": …, "accountID": …, "type": …}]`.
    static func resourcesJSON(_ resources: [AuditRecord.Resource]) -> String {
        var writer = JSONWriter(capacity: 64 + 160 * resources.count)
        writer.beginArray()
        for resource in resources {
            writer.beginObject()
            writer.member("arn", resource.arn)
            writer.member("accountID", resource.accountID)
            writer.member("type", resource.type)
            writer.endObject()
        }
        writer.endArray()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func resources(fromJSON text: String) throws -> [AuditRecord.Resource] {
        guard case .array(let items) = try JSONParser.parse(Array(text.utf8)) else { throw UnreadableResources() }
        return try items.map { item in
            guard case .object(let fields) = item, case .string(let arn)? = fields["arn"],
                  case .string(let accountID)? = fields["accountID"], case .string(let type)? = fields["type"] else {
                throw UnreadableResources()
            }
            return AuditRecord.Resource(arn: arn, accountID: accountID, type: type)
        }
    }

    struct UnreadableResources: Error {}

    /// Stores records moved from the journal, a batch per transaction, with the journal position
    /// they reach. Like the journal's own writes, the commit survives the process dying without a
    /// disk sync (``CommitDurability/processCrashSafe``).
    public func append(_ entries: [AuditEntry], through position: AuditJournal.Position) async throws {
        try await engine.transaction(durability: .processCrashSafe) { database in
            // A batch is numbered in one statement and inserted a chunk of rows per statement: on
            // the one writer connection, statements per record are what bound the ingestion rate.
            let numbered = entries.isEmpty ? []
                : Array(zip(try await engine.nextValues(of: .auditEventSequence, count: entries.count, on: database), entries))
            for chunk in stride(from: 0, to: numbered.count, by: Self.rowsPerStatement).map({
                numbered[$0..<min($0 + Self.rowsPerStatement, numbered.count)]
            }) {
                let events = database.insert(into: "audit_events").columns(
                    "seq", "event_id", "event_time", "account", "region", "event_name", "event_source", "read_only",
                    "user_name", "access_key_id", "resources", "record")
                var resourceRows: [[any SQLExpression]] = []
                for (sequence, entry) in chunk {
                    let resources = Self.resourcesJSON(entry.resources)
                    events.values(SQLBind(sequence), SQLBind(entry.eventID), SQLBind(entry.eventTime.timeIntervalSince1970),
                                  SQLBind(entry.account), SQLBind(entry.region), SQLBind(entry.eventName),
                                  SQLBind(entry.eventSource), SQLBind(entry.readOnly ? 1 : 0),
                                  SQLBind(entry.userName), SQLBind(entry.accessKeyID),
                                  SQLBind(resources), SQLBind(entry.json))
                    resourceRows += entry.resources.map { [SQLBind(sequence), SQLBind($0.type), SQLBind($0.arn)] }
                }
                try await events.run()
                if !resourceRows.isEmpty {
                    let insert = database.insert(into: "audit_event_resources").columns("seq", "resource_type", "resource_name")
                    for row in resourceRows { insert.values(row) }
                    try await insert.run()
                }
            }
            try await database.raw("""
                INSERT INTO audit_journal_position (id, generation, byte_offset)
                VALUES (1, \(bind: Int64(bitPattern: position.generation)), \(bind: Int64(bitPattern: position.offset)))
                ON CONFLICT (id) DO UPDATE SET generation = excluded.generation, byte_offset = excluded.byte_offset
                """).run()
        }
    }

    public func journalPosition() async throws -> AuditJournal.Position? {
        try await engine.read { database in
            try await database.raw("SELECT generation, byte_offset FROM audit_journal_position WHERE id = 1").first()
        }.map { row in
            AuditJournal.Position(generation: UInt64(bitPattern: try row.decode(column: "generation", as: Int64.self)),
                                  offset: UInt64(bitPattern: try row.decode(column: "byte_offset", as: Int64.self)))
        }
    }

    /// Rows per `INSERT`: 13 binds each stays far below SQLite's 32,766 variables per statement.
    static let rowsPerStatement = 500

    public func lookup(_ query: AuditQuery) async throws -> [StoredAuditRecord] {
        var sql = SQLQueryString("SELECT * FROM audit_events WHERE account = \(bind: query.account) AND region = \(bind: query.region)")
        if let start = query.startTime { sql.appendInterpolation(unsafeRaw: " AND event_time >= "); sql.appendInterpolation(bind: start.timeIntervalSince1970) }
        if let end = query.endTime { sql.appendInterpolation(unsafeRaw: " AND event_time <= "); sql.appendInterpolation(bind: end.timeIntervalSince1970) }
        if let after = query.after {
            let time = after.time.timeIntervalSince1970
            sql.appendInterpolation(unsafeRaw: " AND (event_time < ")
            sql.appendInterpolation(bind: time)
            sql.appendInterpolation(unsafeRaw: " OR (event_time = ")
            sql.appendInterpolation(bind: time)
            sql.appendInterpolation(unsafeRaw: " AND seq < ")
            sql.appendInterpolation(bind: after.sequence)
            sql.appendInterpolation(unsafeRaw: "))")
        }
        switch query.attribute {
        case nil: break
        case .eventID(let value): sql.appendInterpolation(unsafeRaw: " AND event_id = "); sql.appendInterpolation(bind: value)
        case .eventName(let value): sql.appendInterpolation(unsafeRaw: " AND event_name = "); sql.appendInterpolation(bind: value)
        case .readOnly(let value): sql.appendInterpolation(unsafeRaw: " AND read_only = "); sql.appendInterpolation(bind: value ? 1 : 0)
        case .userName(let value): sql.appendInterpolation(unsafeRaw: " AND user_name = "); sql.appendInterpolation(bind: value)
        case .eventSource(let value): sql.appendInterpolation(unsafeRaw: " AND event_source = "); sql.appendInterpolation(bind: value)
        case .accessKeyID(let value): sql.appendInterpolation(unsafeRaw: " AND access_key_id = "); sql.appendInterpolation(bind: value)
        case .resourceType(let value):
            sql.appendInterpolation(unsafeRaw: " AND seq IN (SELECT seq FROM audit_event_resources WHERE resource_type = ")
            sql.appendInterpolation(bind: value)
            sql.appendInterpolation(unsafeRaw: ")")
        case .resourceName(let value):
            sql.appendInterpolation(unsafeRaw: " AND seq IN (SELECT seq FROM audit_event_resources WHERE resource_name = ")
            sql.appendInterpolation(bind: value)
            sql.appendInterpolation(unsafeRaw: ")")
        }
        sql.appendInterpolation(unsafeRaw: " ORDER BY event_time DESC, seq DESC LIMIT ")
        sql.appendInterpolation(bind: query.limit)
        return try await engine.read { database in try await database.raw(sql).all() }.map(Self.record)
    }

    public func unsealed(limit: Int) async throws -> [UnsealedAuditRecord] {
        // Only what a log file needs: sealing reads back every record once.
        try await engine.read { database in
            try await database.raw("""
                SELECT seq, event_id, event_time, account, region, record FROM audit_events
                WHERE seq > (SELECT last_sealed_seq FROM audit_seal_position WHERE id = 1)
                ORDER BY seq LIMIT \(bind: limit)
                """).all()
        }.map { row in
            UnsealedAuditRecord(
                sequence: try row.decode(column: "seq", as: Int64.self), eventID: try row.decode(column: "event_id", as: String.self),
                eventTime: Date(timeIntervalSince1970: try row.decode(column: "event_time", as: Double.self)),
                account: try row.decode(column: "account", as: String.self), region: try row.decode(column: "region", as: String.self),
                json: try row.decode(column: "record", as: String.self))
        }
    }

    public func markSealed(_ sequences: [Int64], files: [AuditLogFileEntry]) async throws {
        guard let last = sequences.max() else { return }
        try await engine.transaction { database in
            // Records are sealed in sequence order: every record up to the batch's last is sealed.
            try await database.raw("""
                UPDATE audit_seal_position SET last_sealed_seq = \(bind: last) WHERE id = 1 AND last_sealed_seq < \(bind: last)
                """).run()
            for file in files {
                try await database.insert(into: "audit_log_files")
                    .columns("path", "account", "region", "hash", "oldest_event_time", "newest_event_time")
                    .values([SQLBind(file.path), SQLBind(file.account), SQLBind(file.region), SQLBind(file.hash),
                             SQLBind(file.oldestEventTime.timeIntervalSince1970), SQLBind(file.newestEventTime.timeIntervalSince1970)])
                    .onConflict(with: "path") { $0.set(excludedValueOf: "hash") }
                    .run()
            }
        }
    }

    public func undigestedFiles() async throws -> [AuditLogFileEntry] {
        try await engine.read { database in
            try await database.raw("SELECT * FROM audit_log_files WHERE digest_path IS NULL ORDER BY oldest_event_time, path").all()
        }.map { row in
            AuditLogFileEntry(path: try row.decode(column: "path", as: String.self), account: try row.decode(column: "account", as: String.self),
                              region: try row.decode(column: "region", as: String.self), hash: try row.decode(column: "hash", as: String.self),
                              oldestEventTime: Date(timeIntervalSince1970: try row.decode(column: "oldest_event_time", as: Double.self)),
                              newestEventTime: Date(timeIntervalSince1970: try row.decode(column: "newest_event_time", as: Double.self)))
        }
    }

    public func lastDigest(account: String, region: String) async throws -> AuditDigestEntry? {
        try await engine.read { database in
            try await database.raw("""
                SELECT * FROM audit_digests WHERE account = \(bind: account) AND region = \(bind: region)
                ORDER BY end_time DESC LIMIT 1
                """).first()
        }.map { row in
            AuditDigestEntry(path: try row.decode(column: "path", as: String.self), account: account, region: region,
                             hash: try row.decode(column: "hash", as: String.self),
                             signature: try row.decode(column: "signature", as: String.self),
                             endTime: Date(timeIntervalSince1970: try row.decode(column: "end_time", as: Double.self)))
        }
    }

    public func recordDigest(_ digest: AuditDigestEntry, listing files: [String]) async throws {
        try await engine.transaction { database in
            try await database.raw("""
                INSERT INTO audit_digests (path, account, region, hash, signature, end_time)
                VALUES (\(bind: digest.path), \(bind: digest.account), \(bind: digest.region), \(bind: digest.hash),
                        \(bind: digest.signature), \(bind: digest.endTime.timeIntervalSince1970))
                """).run()
            for path in files {
                try await database.raw("UPDATE audit_log_files SET digest_path = \(bind: digest.path) WHERE path = \(bind: path)").run()
            }
        }
    }

    /// What the database knows was sealed and digested, for `arca audit verify`.
    public func ledger() async throws -> AuditLedger {
        // One snapshot: the digests, files and records agree with each other.
        try await engine.read { database in
            let digests = try await database.raw("SELECT path, hash FROM audit_digests ORDER BY end_time").all().map { row in
                AuditLedger.Digest(path: try row.decode(column: "path", as: String.self),
                                   hash: try row.decode(column: "hash", as: String.self))
            }
            let files = try await database.raw("SELECT path, hash, digest_path FROM audit_log_files ORDER BY path").all().map { row in
                AuditLedger.LogFile(path: try row.decode(column: "path", as: String.self),
                                    hash: try row.decode(column: "hash", as: String.self),
                                    digestPath: try row.decode(column: "digest_path", as: String?.self))
            }
            let records = try await database.raw("""
                SELECT account, region, event_id, event_time FROM audit_events
                WHERE seq <= (SELECT last_sealed_seq FROM audit_seal_position WHERE id = 1) ORDER BY seq
                """).all().map { row in
                AuditLedger.SealedRecord(account: try row.decode(column: "account", as: String.self),
                                         region: try row.decode(column: "region", as: String.self),
                                         eventID: try row.decode(column: "event_id", as: String.self),
                                         eventTime: Date(timeIntervalSince1970: try row.decode(column: "event_time", as: Double.self)))
            }
            return AuditLedger(digests: digests, logFiles: files, sealedRecords: records)
        }
    }

    /// Whether any digest was ever written: then an earlier signing key has to stay listed.
    public func hasDigests() async throws -> Bool {
        try await engine.read { database in
            try await database.raw("SELECT COUNT(*) AS n FROM audit_digests").first()?.decode(column: "n", as: Int64.self) ?? 0 > 0
        }
    }

    static func record(_ row: any SQLRow) throws -> StoredAuditRecord {
        let resources = try resources(fromJSON: try row.decode(column: "resources", as: String.self))
        return StoredAuditRecord(sequence: try row.decode(column: "seq", as: Int64.self), AuditEntry(
            eventID: try row.decode(column: "event_id", as: String.self),
            eventTime: Date(timeIntervalSince1970: try row.decode(column: "event_time", as: Double.self)),
            account: try row.decode(column: "account", as: String.self), region: try row.decode(column: "region", as: String.self),
            eventName: try row.decode(column: "event_name", as: String.self),
            eventSource: try row.decode(column: "event_source", as: String.self),
            readOnly: try row.decode(column: "read_only", as: Int64.self) != 0,
            userName: try row.decode(column: "user_name", as: String?.self),
            accessKeyID: try row.decode(column: "access_key_id", as: String?.self),
            resources: resources,
            json: try row.decode(column: "record", as: String.self)))
    }
}
