import SQLKit

/// One named schema change of one domain. Once shipped a migration never changes; a fix is a new one.
///
/// Its name is what the database records once it ran, so a name, once shipped, is forever; names
/// are unique across every domain (`NNNN_<domain>_<what>`).
public struct SQLMigration: Sendable {
    /// One step, written once for every engine.
    public enum Step: Sendable {
        /// A statement in the SQL common to every engine: column types TEXT, BIGINT, DOUBLE
        /// PRECISION; binary values as base64 TEXT; no autoincrement, no engine-specific syntax.
        case sql(SQLQueryString)
        /// A sequence continuing after the largest `column` of `table` (see ``SQLEngine/createSequence(_:after:in:on:)``).
        case createSequence(SQLSequence, after: String, in: String)
    }

    public var name: String
    public var steps: [Step]

    public init(name: String, steps: [Step]) {
        self.name = name
        self.steps = steps
    }

    /// A migration of plain statements.
    public init(name: String, statements: [SQLQueryString]) {
        self.init(name: name, steps: statements.map(Step.sql))
    }
}

/// The tables of one domain and the ordered migrations that make them.
///
/// Domains own their tables alone (no table is shared, no foreign key crosses domains), so each
/// domain's list is ordered on its own and a new domain or migration never renumbers another's.
public struct SQLSchema: Sendable {
    public var domain: String
    public var migrations: [SQLMigration]

    public init(domain: String, migrations: [SQLMigration]) {
        self.domain = domain
        self.migrations = migrations
    }

    /// Every domain's schema: what `arca serve` opens.
    public static let all: [SQLSchema] = [.kms, .sessions, .iam, .audit, .queues, .topics]
}

/// Brings schemas up to date on any engine, recording each migration by name in `arca_migrations`.
enum SQLMigrator {
    /// Applies, domain by domain and in order, the migrations the database has not recorded yet;
    /// each one with its record in a transaction of its own.
    static func run(_ schemas: [SQLSchema], on engine: any SQLEngine) async throws {
        try await engine.transaction { database in
            try await database.raw("CREATE TABLE IF NOT EXISTS arca_migrations (name TEXT PRIMARY KEY)").run()
        }
        let applied = try await engine.read { database in
            Set(try await database.raw("SELECT name FROM arca_migrations").all().map {
                try $0.decode(column: "name", as: String.self)
            })
        }
        for schema in schemas {
            for migration in schema.migrations where !applied.contains(migration.name) {
                try await engine.transaction { database in
                    for step in migration.steps {
                        switch step {
                        case .sql(let statement):
                            try await database.raw(statement).run()
                        case .createSequence(let sequence, let column, let table):
                            try await engine.createSequence(sequence, after: column, in: table, on: database)
                        }
                    }
                    try await database.raw("INSERT INTO arca_migrations (name) VALUES (\(bind: migration.name))").run()
                }
            }
        }
    }
}
