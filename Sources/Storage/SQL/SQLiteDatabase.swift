import Foundation
import NIOPosix
import Synchronization
#if canImport(Glibc)
import Glibc
#endif
import Identity
import Logging
import SQLKit
import SQLiteKit

/// The embedded engine: one SQLite file in the data directory, in WAL mode.
///
/// A commit reaches the write-ahead log (`synchronous=NORMAL`), which survives `kill -9`; a
/// ``CommitDurability/synced`` transaction then waits for a sync of the log, which survives power
/// loss. Syncs are shared (``GroupSync``): one sync covers every commit made before it started, so
/// concurrent writers do not each wait for a disk sync of their own, and no writer holds the write
/// lock while the disk syncs.
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
    private let groupSync: GroupSync
    /// Copies the write-ahead log into the database file in the background (``checkpointInterval``).
    private let checkpointer: SQLiteConnection
    private let checkpoints: Task<Void, Never>

    /// How often the log is checkpointed. The writer never checkpoints (`wal_autocheckpoint=0`):
    /// SQLite's automatic checkpoint copies the log and syncs the database file inside the commit
    /// that crosses 1,000 pages, which held every writer behind the lock for its whole duration.
    /// A passive checkpoint beside the writer copies what it can while writes go on.
    static let checkpointInterval: Duration = .milliseconds(250)

    /// Opens (or creates) the database file and brings every schema up to date.
    public static func open(path: String, logger: Logger, schemas: [SQLSchema] = SQLSchema.all) async throws -> SQLiteDatabase {
        try DataFiles.prepareDirectory((path as NSString).deletingLastPathComponent, logger: logger)
        try DataFiles.prepareDatabaseFiles(path)
        let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000",
                           "PRAGMA wal_autocheckpoint=0"] {
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
        let checkpointer: SQLiteConnection
        do {
            checkpointer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            _ = try await checkpointer.sql().raw("PRAGMA busy_timeout=5000").all()
        } catch {
            try? await reader.close()
            try? await writer.close()
            throw error
        }
        let database = SQLiteDatabase(writer: writer, reader: reader, checkpointer: checkpointer, path: path)
        do {
            try await SQLMigrator.run(schemas, on: database)
        } catch {
            try? await database.close()
            throw error
        }
        return database
    }

    private init(writer: SQLiteConnection, reader: SQLiteConnection, checkpointer: SQLiteConnection, path: String) {
        self.writer = writer
        self.reader = reader
        self.checkpointer = checkpointer
        self.path = path
        checkpoints = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.checkpointInterval)
                // A failed checkpoint (the database busy past the timeout) is tried again next time.
                _ = try? await checkpointer.sql().raw("PRAGMA wal_checkpoint(PASSIVE)").all()
            }
        }
        let log = WriteAheadLogFile(path: path + "-wal")
        groupSync = GroupSync { try await log.sync() }
    }

    /// Runs `body` in a read transaction on the reader connection: one snapshot for all its statements.
    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await readLock.run {
            try await Self.inTransaction(on: self.reader.sql(), begin: "BEGIN", body)
        }
    }

    /// Runs `body` in a transaction of its own (`BEGIN IMMEDIATE` … `COMMIT`, `ROLLBACK` on error)
    /// on the writer connection. The commit is in the write-ahead log when the write lock is
    /// released; a `synced` transaction then returns once a sync of the log has covered it.
    public func transaction<T: Sendable>(durability: CommitDurability,
                                         _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let result = try await writeLock.run {
            try await Self.inTransaction(on: self.writer.sql(), begin: "BEGIN IMMEDIATE", body)
        }
        if durability == .synced { try await groupSync.waitForSync() }
        return result
    }

    public func waitUntilDurable() async throws {
        try await groupSync.waitForSync()
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
        checkpoints.cancel()
        await checkpoints.value
        try? await checkpointer.close()
        try? await reader.close()
        try await writer.close()
    }
}

/// The write-ahead log of a SQLite database, synced on demand from a thread of NIO's blocking pool.
///
/// SQLite keeps the file (the same inode) while any connection is open: a checkpoint rewinds it,
/// it never replaces it, so the descriptor opened at the first sync stays the log's.
final class WriteAheadLogFile: Sendable {
    private let path: String
    private let descriptor = Mutex<Int32>(-1)

    init(path: String) {
        self.path = path
    }

    deinit {
        descriptor.withLock { if $0 >= 0 { _ = Glibc.close($0) } }
    }

    /// `fsync` of the log: every commit written to it so far is on stable storage.
    func sync() async throws {
        try await NIOThreadPool.singleton.runIfActive { try self.syncNow() }
    }

    private func syncNow() throws {
        let fd = try descriptor.withLock { fd -> Int32 in
            if fd < 0 {
                fd = open(path, O_RDWR | O_CLOEXEC)
                guard fd >= 0 else { throw StorageError("cannot open the write-ahead log \(path): errno \(errno)") }
            }
            return fd
        }
        guard fsync(fd) == 0 else { throw StorageError("cannot sync the write-ahead log \(path): errno \(errno)") }
    }
}
