import Foundation
import Logging
import SQLKit
@testable import Storage
import Testing

/// What every SQL engine promises the stores: transactions that roll back whole, reads that cannot
/// write, sequences that never repeat, migrations that run once. PostgreSQL joins the arguments.
@Suite struct SQLEngineTests {
    static let probe = SQLSchema(domain: "probe", migrations: [
        SQLMigration(name: "0001_probe_rows", steps: [
            .sql("CREATE TABLE probe_rows (id BIGINT PRIMARY KEY, value TEXT NOT NULL)"),
            .createSequence(SQLSequence("probe_ids"), after: "id", in: "probe_rows"),
        ]),
    ])

    func withEngine<T>(_ engine: StoreEngine, path: String? = nil, schemas: [SQLSchema] = [probe],
                       _ body: (any SQLEngine) async throws -> T) async throws -> T {
        let path = path ?? Self.temporaryPath()
        let base = try await SQLiteDatabase.open(path: path, logger: Logger(label: "engine"), schemas: schemas)
        let sql: any SQLEngine = engine == .sqliteTransactionChecked ? TransactionCheckingEngine(base: base) : base
        do {
            let result = try await body(sql)
            try await sql.close()
            return result
        } catch {
            try? await sql.close()
            throw error
        }
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("arca-engine-\(UUID().uuidString)/arca.sqlite").path
    }

    static func values(_ engine: any SQLEngine) async throws -> [String] {
        try await engine.read { database in
            try await database.raw("SELECT value FROM probe_rows ORDER BY id").all().map { try $0.decode(column: "value", as: String.self) }
        }
    }

    struct Planned: Error {}

    @Test(arguments: StoreEngine.sql)
    func aTransactionThatThrowsAfterWritingLeavesNothingBehind(engine: StoreEngine) async throws {
        try await withEngine(engine) { sql in
            try await sql.transaction { try await $0.raw("INSERT INTO probe_rows (id, value) VALUES (1, 'kept')").run() }
            await #expect(throws: Planned.self) {
                try await sql.transaction { database in
                    try await database.raw("INSERT INTO probe_rows (id, value) VALUES (2, 'undone')").run()
                    try await database.raw("UPDATE probe_rows SET value = 'undone' WHERE id = 1").run()
                    _ = try await sql.nextValue(of: SQLSequence("probe_ids"), on: database)
                    throw Planned()
                }
            }
            #expect(try await Self.values(sql) == ["kept"])
        }
    }

    @Test(arguments: StoreEngine.sql)
    func aReadCannotWrite(engine: StoreEngine) async throws {
        try await withEngine(engine) { sql in
            await #expect(throws: (any Error).self) {
                try await sql.read { try await $0.raw("INSERT INTO probe_rows (id, value) VALUES (1, 'sneaked')").run() }
            }
            let values = try await Self.values(sql)
            #expect(values.isEmpty)
        }
    }

    @Test func concurrentSyncedCommitsAllLandAndAFailedOneLeavesNoTrace() async throws {
        let database = try await SQLiteDatabase.open(path: Self.temporaryPath(), logger: Logger(label: "engine"),
                                                     schemas: [Self.probe])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in 1...40 {
                group.addTask {
                    try await database.transaction { connection in
                        try await connection.raw("INSERT INTO probe_rows (id, value) VALUES (\(bind: id), 'v')").run()
                    }
                }
            }
            try await group.waitForAll()
        }
        await #expect(throws: (any Error).self) {
            try await database.transaction(durability: .processCrashSafe) { connection in
                try await connection.raw("INSERT INTO probe_rows (id, value) VALUES (41, 'w')").run()
                try await connection.raw("INSERT INTO probe_rows (id, value) VALUES (1, 'again')").run()
            }
        }
        #expect(try await Self.values(database).count == 40)
        try await database.close()
    }

    @Test func theCheckingDoubleFailsAConnectionKeptPastItsTransaction() async throws {
        try await withEngine(.sqliteTransactionChecked) { sql in
            let kept = try await sql.transaction { database in database }
            await #expect(throws: TransactionBypass.self) {
                try await kept.raw("INSERT INTO probe_rows (id, value) VALUES (1, 'late')").run()
            }
            let read = try await sql.read { database in database }
            await #expect(throws: TransactionBypass.self) {
                _ = try await sql.nextValue(of: SQLSequence("probe_ids"), on: read)
            }
            #expect(try await Self.values(sql).isEmpty)
        }
    }

    @Test(arguments: StoreEngine.sql)
    func sequenceValuesNeverRepeatAcrossConcurrentTransactionsAndRestarts(engine: StoreEngine) async throws {
        let path = Self.temporaryPath()
        let sequence = SQLSequence("probe_ids")
        func take(_ count: Int) async throws -> [Int64] {
            try await withEngine(engine, path: path) { sql in
                try await withThrowingTaskGroup(of: Int64.self) { group in
                    for _ in 0..<count {
                        group.addTask {
                            try await sql.transaction { database in
                                let id = try await sql.nextValue(of: sequence, on: database)
                                try await database.raw("INSERT INTO probe_rows (id, value) VALUES (\(bind: id), 'v')").run()
                                return id
                            }
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
        }
        let first = try await take(40)
        let second = try await take(10)
        #expect(Set(first + second).count == 50)
        #expect(second.min()! > first.max()!)
    }

    @Test(arguments: StoreEngine.sql)
    func aRangeOfValuesIsTakenWholeAndTheSequenceGoesOnAfterIt(engine: StoreEngine) async throws {
        let sequence = SQLSequence("probe_ids")
        try await withEngine(engine) { sql in
            let first = try await sql.transaction { try await sql.nextValue(of: sequence, on: $0) }
            let range = try await sql.transaction { try await sql.nextValues(of: sequence, count: 5, on: $0) }
            let next = try await sql.transaction { try await sql.nextValue(of: sequence, on: $0) }
            #expect(range == (first + 1)...(first + 5))
            #expect(next == first + 6)
        }
    }

    @Test(arguments: StoreEngine.sql)
    func aSequenceContinuesAfterTheNumbersItTakesOver(engine: StoreEngine) async throws {
        let path = Self.temporaryPath()
        let table = SQLSchema(domain: "probe", migrations: [
            SQLMigration(name: "0001_probe_rows", statements: ["CREATE TABLE probe_rows (id BIGINT PRIMARY KEY, value TEXT NOT NULL)"]),
        ])
        try await withEngine(engine, path: path, schemas: [table]) { sql in
            try await sql.transaction { try await $0.raw("INSERT INTO probe_rows (id, value) VALUES (41, 'old'), (7, 'old')").run() }
        }
        let sequence = SQLSchema(domain: "probe", migrations: table.migrations + [
            SQLMigration(name: "0002_probe_ids", steps: [.createSequence(SQLSequence("probe_ids"), after: "id", in: "probe_rows")]),
        ])
        let next = try await withEngine(engine, path: path, schemas: [sequence]) { sql in
            try await sql.transaction { try await sql.nextValue(of: SQLSequence("probe_ids"), on: $0) }
        }
        #expect(next == 42)
    }

    @Test(arguments: StoreEngine.sql)
    func anUnknownSequenceIsAnError(engine: StoreEngine) async throws {
        try await withEngine(engine) { sql in
            _ = await #expect(throws: StorageError.self) {
                try await sql.transaction { try await sql.nextValue(of: SQLSequence("no_such_sequence"), on: $0) }
            }
        }
    }

    @Test(arguments: StoreEngine.sql)
    func migrationsRunOnceAndAFailedOneLeavesNoTrace(engine: StoreEngine) async throws {
        let path = Self.temporaryPath()
        let broken = SQLSchema(domain: "probe", migrations: Self.probe.migrations + [
            SQLMigration(name: "0002_probe_broken", statements: [
                "CREATE TABLE probe_half (id BIGINT PRIMARY KEY)",
                "THIS IS NOT SQL",
            ]),
        ])
        try await withEngine(engine, path: path) { _ in }
        await #expect(throws: (any Error).self) { try await withEngine(engine, path: path, schemas: [broken]) { _ in } }
        // Reopening with the same schemas applies nothing twice (a second CREATE TABLE would fail).
        try await withEngine(engine, path: path) { sql in
            let names = try await sql.read { database in
                try await database.raw("SELECT name FROM arca_migrations ORDER BY name").all().map { try $0.decode(column: "name", as: String.self) }
            }
            #expect(names == ["0001_probe_rows"])
            await #expect(throws: (any Error).self, "the failed migration's first table was rolled back") {
                try await sql.read { try await $0.raw("SELECT id FROM probe_half").all().count }
            }
        }
    }
}
