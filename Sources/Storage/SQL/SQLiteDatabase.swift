import Foundation
import Identity
import Logging
import SQLKit
import SQLiteKit

/// The embedded engine: one SQLite file in the data directory, in WAL mode.
///
/// `synchronous=FULL` makes every commit reach the disk before it returns, so a write acknowledged
/// to a client survives `kill -9` and power loss.
///
/// Writes share one connection, so ``transaction(_:)`` runs one transaction at a time: otherwise
/// statements of concurrent writers would interleave on it and one writer's ROLLBACK could undo
/// another's acknowledged write. Reads have a connection of their own, opened `query_only`, so they
/// see only committed data and a write slipped into a read fails instead of escaping the transaction.
public final class SQLiteDatabase: SQLEngine {
    private let writer: SQLiteConnection
    private let reader: SQLiteConnection
    public let path: String
    private let writeLock = AsyncSerialLock()
    private let readLock = AsyncSerialLock()

    /// Opens (or creates) the database file and brings every schema up to date.
    public static func open(path: String, logger: Logger, schemas: [SQLSchema] = SQLSchema.all) async throws -> SQLiteDatabase {
        try DataFiles.prepareDirectory((path as NSString).deletingLastPathComponent, logger: logger)
        try DataFiles.prepareDatabaseFiles(path)
        let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000"] {
                _ = try await writer.sql().raw(SQLQueryString(pragma)).all()
            }
            // SQLite has no sequences: each is a row here, advanced inside the writer's transaction.
            try await writer.sql().raw("CREATE TABLE IF NOT EXISTS arca_sequences (name TEXT PRIMARY KEY, last_value BIGINT NOT NULL)").run()
        } catch {
            try? await writer.close()
            throw error
        }
        let reader: SQLiteConnection
        do {
            reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            for pragma in ["PRAGMA query_only=ON", "PRAGMA busy_timeout=5000"] {
                _ = try await reader.sql().raw(SQLQueryString(pragma)).all()
            }
        } catch {
            try? await writer.close()
            throw error
        }
        let database = SQLiteDatabase(writer: writer, reader: reader, path: path)
        do {
            try await SQLMigrator.run(schemas, on: database)
        } catch {
            try? await database.close()
            throw error
        }
        return database
    }

    private init(writer: SQLiteConnection, reader: SQLiteConnection, path: String) {
        self.writer = writer
        self.reader = reader
        self.path = path
    }

    /// Runs `body` in a read transaction on the reader connection: one snapshot for all its statements.
    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await readLock.run {
            try await Self.inTransaction(on: self.reader.sql(), begin: "BEGIN", body)
        }
    }

    /// Runs `body` in a transaction of its own (`BEGIN IMMEDIATE` … `COMMIT`, `ROLLBACK` on error).
    /// A write transaction on the writer connection. `processCrashSafe` commits with
    /// `synchronous=NORMAL`: in WAL mode the commit is written to the WAL but not synced, so it
    /// survives the process dying, and the next `synced` commit's sync of the WAL takes it to disk.
    public func transaction<T: Sendable>(durability: CommitDurability,
                                         _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await writeLock.run {
            let sql = self.writer.sql()
            guard durability == .processCrashSafe else {
                return try await Self.inTransaction(on: sql, begin: "BEGIN IMMEDIATE", body)
            }
            try await sql.raw("PRAGMA synchronous=NORMAL").run()
            do {
                let result = try await Self.inTransaction(on: sql, begin: "BEGIN IMMEDIATE", body)
                try await sql.raw("PRAGMA synchronous=FULL").run()
                return result
            } catch {
                try? await sql.raw("PRAGMA synchronous=FULL").run()
                throw error
            }
        }
    }

    private static func inTransaction<T>(on sql: any SQLDatabase, begin: SQLQueryString,
                                         _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await sql.raw(begin).run()
        do {
            let result = try await body(sql)
            try await sql.raw("COMMIT").run()
            return result
        } catch {
            try? await sql.raw("ROLLBACK").run()
            throw error
        }
    }

    public func nextValue(of sequence: SQLSequence, on connection: any SQLDatabase) async throws -> Int64 {
        let row = try await connection.raw("""
            UPDATE arca_sequences SET last_value = last_value + 1 WHERE name = \(bind: sequence.name) RETURNING last_value
            """).first()
        guard let row else { throw StorageError("there is no sequence \(sequence): the migration creating it has not run") }
        return try row.decode(column: "last_value", as: Int64.self)
    }

    /// One `UPDATE … RETURNING` moves the sequence past all `count` values: the writer connection
    /// is in the caller's transaction, so nobody else takes values in between.
    public func nextValues(of sequence: SQLSequence, count: Int,
                           on connection: any SQLDatabase) async throws -> ClosedRange<Int64> {
        precondition(count > 0, "a range of no values")
        let row = try await connection.raw("""
            UPDATE arca_sequences SET last_value = last_value + \(bind: count) WHERE name = \(bind: sequence.name)
            RETURNING last_value
            """).first()
        guard let row else { throw StorageError("there is no sequence \(sequence): the migration creating it has not run") }
        let last = try row.decode(column: "last_value", as: Int64.self)
        return (last - Int64(count) + 1)...last
    }

    public func createSequence(_ sequence: SQLSequence, after column: String, in table: String,
                               on connection: any SQLDatabase) async throws {
        try await connection.raw("""
            INSERT INTO arca_sequences (name, last_value)
            SELECT \(bind: sequence.name), COALESCE(MAX(\(ident: column)), 0) FROM \(ident: table)
            """).run()
    }

    public func close() async throws {
        try? await reader.close()
        try await writer.close()
    }
}
