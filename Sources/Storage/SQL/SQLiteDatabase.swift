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
/// Every store shares the one connection, so every write goes through ``transaction(_:)``: one
/// transaction at a time, or statements of concurrent writers would interleave on the connection
/// and one writer's ROLLBACK could undo another's acknowledged write.
public final class SQLiteDatabase: Sendable {
    let connection: SQLiteConnection
    public let path: String
    private let writeLock = AsyncSerialLock()

    public static func open(path: String, logger: Logger) async throws -> SQLiteDatabase {
        try DataFiles.prepareDirectory((path as NSString).deletingLastPathComponent, logger: logger)
        try DataFiles.prepareDatabaseFiles(path)
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        let database = SQLiteDatabase(connection: connection, path: path)
        for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"] {
            _ = try await database.sql.raw(SQLQueryString(pragma)).all()
        }
        try await SQLMigrations.run(on: database.sql)
        return database
    }

    private init(connection: SQLiteConnection, path: String) {
        self.connection = connection
        self.path = path
    }

    var sql: any SQLDatabase { connection.sql() }

    /// Runs `body` in a transaction of its own (`BEGIN IMMEDIATE` … `COMMIT`, `ROLLBACK` on error).
    func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await writeLock.run {
            let sql = self.sql
            try await sql.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await body(sql)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    public func close() async throws {
        try await connection.close()
    }
}
