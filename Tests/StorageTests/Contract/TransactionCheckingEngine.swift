import Logging
import NIOCore
import SQLKit
import Synchronization
@testable import Storage

/// An engine double that fails every write a store makes outside the transaction it was handed.
///
/// Each read and each transaction gets a connection of its own that dies when its body returns, and
/// a read's connection refuses anything but `SELECT`. A store that writes through a read, keeps a
/// transaction's connection for later, or advances a sequence elsewhere than on its transaction
/// fails here, though on SQLite's one writer connection it would seem to work.
final class TransactionCheckingEngine: SQLEngine {
    let base: any SQLEngine

    init(base: any SQLEngine) {
        self.base = base
    }

    func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await base.read { connection in
            let checked = CheckedConnection(base: connection, readOnly: true)
            defer { checked.end() }
            return try await body(checked)
        }
    }

    func transaction<T: Sendable>(durability: CommitDurability,
                                  _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await base.transaction(durability: durability) { connection in
            let checked = CheckedConnection(base: connection, readOnly: false)
            defer { checked.end() }
            return try await body(checked)
        }
    }

    func waitUntilDurable() async throws {
        try await base.waitUntilDurable()
    }

    func nextValue(of sequence: SQLSequence, on connection: any SQLDatabase) async throws -> Int64 {
        try await base.nextValue(of: sequence, on: try Self.transactionConnection(connection))
    }

    func createSequence(_ sequence: SQLSequence, after column: String, in table: String,
                        on connection: any SQLDatabase) async throws {
        try await base.createSequence(sequence, after: column, in: table, on: try Self.transactionConnection(connection))
    }

    func close() async throws {
        try await base.close()
    }

    private static func transactionConnection(_ connection: any SQLDatabase) throws -> any SQLDatabase {
        guard let checked = connection as? CheckedConnection, !checked.readOnly, checked.isLive else {
            throw TransactionBypass("a sequence was advanced outside a live transaction")
        }
        return checked.base
    }
}

/// A write that did not go through its transaction's connection.
struct TransactionBypass: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A connection that is usable only while its read or transaction runs.
final class CheckedConnection: SQLDatabase {
    let base: any SQLDatabase
    let readOnly: Bool
    private let live = Mutex(true)

    init(base: any SQLDatabase, readOnly: Bool) {
        self.base = base
        self.readOnly = readOnly
    }

    var isLive: Bool { live.withLock { $0 } }
    func end() { live.withLock { $0 = false } }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        do {
            try check(query)
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        return base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try check(query)
        try await base.execute(sql: query, onRow)
    }

    private func check(_ query: any SQLExpression) throws {
        let sql = base.serialize(query).sql.trimmingPrefix(while: \.isWhitespace)
        guard isLive else {
            throw TransactionBypass("a statement ran after its \(readOnly ? "read" : "transaction") ended: \(sql.prefix(60))")
        }
        if readOnly && !sql.uppercased().hasPrefix("SELECT") {
            throw TransactionBypass("a read wrote: \(sql.prefix(60))")
        }
    }
}
