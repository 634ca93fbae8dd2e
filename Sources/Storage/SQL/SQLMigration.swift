import SQLKit

/// One named, ordered schema change. Once shipped a migration never changes; a fix is a new one.
struct SQLMigration: Sendable {
    var name: String
    var statements: [SQLQueryString]
}

/// Every migration, in order. Column types are the common subset of SQLite and PostgreSQL
/// (TEXT, BIGINT, DOUBLE PRECISION); wrapped key material is base64 TEXT so one schema fits both.
enum SQLMigrations {
    static let all: [SQLMigration] = [
        SQLMigration(name: "0001_kms_keys_aliases", statements: [
            """
            CREATE TABLE kms_keys (
                key_id TEXT PRIMARY KEY,
                account TEXT NOT NULL,
                region TEXT NOT NULL,
                created_seq BIGINT NOT NULL,
                record TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE kms_key_materials (
                key_id TEXT NOT NULL,
                version BIGINT NOT NULL,
                wrapped TEXT NOT NULL,
                PRIMARY KEY (key_id, version)
            )
            """,
            """
            CREATE TABLE kms_aliases (
                account TEXT NOT NULL,
                region TEXT NOT NULL,
                name TEXT NOT NULL,
                target_key_id TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL,
                updated_at DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (account, region, name)
            )
            """,
        ]),
        SQLMigration(name: "0002_kms_grants", statements: [
            """
            CREATE TABLE kms_grants (
                grant_id TEXT PRIMARY KEY,
                key_id TEXT NOT NULL,
                created_seq BIGINT NOT NULL,
                record TEXT NOT NULL
            )
            """,
        ]),
        SQLMigration(name: "0003_sts_sessions", statements: [
            """
            CREATE TABLE sts_sessions (
                access_key_id TEXT PRIMARY KEY,
                expiration DOUBLE PRECISION NOT NULL,
                record TEXT NOT NULL
            )
            """,
        ]),
        SQLMigration(name: "0004_iam_users_access_keys", statements: [
            """
            CREATE TABLE iam_users (
                arn TEXT PRIMARY KEY,
                record TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE iam_access_keys (
                access_key_id TEXT PRIMARY KEY,
                user_arn TEXT NOT NULL,
                record TEXT NOT NULL
            )
            """,
        ]),
        SQLMigration(name: "0005_iam_roles", statements: [
            """
            CREATE TABLE iam_roles (
                arn TEXT PRIMARY KEY,
                record TEXT NOT NULL
            )
            """,
        ]),
        SQLMigration(name: "0006_iam_groups_policies", statements: [
            """
            CREATE TABLE iam_groups (
                arn TEXT PRIMARY KEY,
                record TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE iam_policies (
                arn TEXT PRIMARY KEY,
                record TEXT NOT NULL
            )
            """,
        ]),
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
    ]

    /// Applies the migrations the database has not seen yet, each in its own transaction.
    static func run(on database: any SQLDatabase) async throws {
        try await database.raw("CREATE TABLE IF NOT EXISTS arca_migrations (name TEXT PRIMARY KEY)").run()
        let applied = Set(try await database.raw("SELECT name FROM arca_migrations").all()
            .map { try $0.decode(column: "name", as: String.self) })
        for migration in all where !applied.contains(migration.name) {
            try await database.raw("BEGIN").run()
            do {
                for statement in migration.statements { try await database.raw(statement).run() }
                try await database.raw("INSERT INTO arca_migrations (name) VALUES (\(bind: migration.name))").run()
                try await database.raw("COMMIT").run()
            } catch {
                try? await database.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}
