import SQLKit

extension SQLSchema {
    /// Audit records, the log files sealed from them and the digests that sign those files.
    public static let audit = SQLSchema(domain: "audit", migrations: [
        SQLMigration(name: "0007_audit_events", statements: [
            """
            CREATE TABLE audit_events (
                seq BIGINT PRIMARY KEY,
                event_id TEXT NOT NULL,
                event_time DOUBLE PRECISION NOT NULL,
                account TEXT NOT NULL,
                region TEXT NOT NULL,
                event_name TEXT NOT NULL,
                event_source TEXT NOT NULL,
                read_only BIGINT NOT NULL,
                user_name TEXT,
                access_key_id TEXT,
                resources TEXT NOT NULL,
                record TEXT NOT NULL,
                sealed BIGINT NOT NULL
            )
            """,
            "CREATE INDEX audit_events_by_time ON audit_events (account, region, event_time, seq)",
            "CREATE INDEX audit_events_unsealed ON audit_events (sealed, seq)",
            """
            CREATE TABLE audit_event_resources (
                seq BIGINT NOT NULL,
                resource_type TEXT NOT NULL,
                resource_name TEXT NOT NULL
            )
            """,
            "CREATE INDEX audit_event_resources_by_name ON audit_event_resources (resource_name, seq)",
        ]),
        SQLMigration(name: "0008_audit_digests", statements: [
            """
            CREATE TABLE audit_log_files (
                path TEXT PRIMARY KEY,
                account TEXT NOT NULL,
                region TEXT NOT NULL,
                hash TEXT NOT NULL,
                oldest_event_time DOUBLE PRECISION NOT NULL,
                newest_event_time DOUBLE PRECISION NOT NULL,
                digest_path TEXT
            )
            """,
            """
            CREATE TABLE audit_digests (
                path TEXT PRIMARY KEY,
                account TEXT NOT NULL,
                region TEXT NOT NULL,
                hash TEXT NOT NULL,
                signature TEXT NOT NULL,
                end_time DOUBLE PRECISION NOT NULL
            )
            """,
        ]),
        // Record sequence numbers came from MAX(seq) + 1; the sequence continues after the last one.
        SQLMigration(name: "0010_audit_event_sequence", steps: [
            .createSequence(.auditEventSequence, after: "seq", in: "audit_events"),
        ]),
        // Records reach the store from the audit journal; this row says how far it holds them.
        SQLMigration(name: "0011_audit_journal_position", statements: [
            """
            CREATE TABLE audit_journal_position (
                id BIGINT PRIMARY KEY CHECK (id = 1),
                generation BIGINT NOT NULL,
                byte_offset BIGINT NOT NULL
            )
            """,
        ]),
        // Sealing is in sequence order, so one number says which records are in log files: setting
        // it replaces rewriting every sealed row (and its index entry) a second time.
        SQLMigration(name: "0012_audit_seal_position", statements: [
            "CREATE TABLE audit_seal_position (id BIGINT PRIMARY KEY CHECK (id = 1), last_sealed_seq BIGINT NOT NULL)",
            "INSERT INTO audit_seal_position (id, last_sealed_seq) SELECT 1, COALESCE(MAX(seq), 0) FROM audit_events WHERE sealed = 1",
            "DROP INDEX audit_events_unsealed",
            "ALTER TABLE audit_events DROP COLUMN sealed",
        ]),
    ])
}

extension SQLSequence {
    /// The sequence numbers of audit records (`audit_events.seq`).
    static let auditEventSequence = SQLSequence("audit_event_seq")
}
