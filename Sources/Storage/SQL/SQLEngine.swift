import SQLKit

/// A SQL database the stores run on: SQLite now, PostgreSQL for several nodes.
///
/// Stores speak only this protocol and the common SQL of the engines; whatever differs between
/// engines (how transactions are taken, how sequences are made and advanced) lives behind it, and
/// dialect-dependent syntax such as upserts goes through SQLKit's builders, which follow the
/// connection's dialect.
///
/// - Important: every statement of a write goes through the connection ``transaction(_:)`` hands
///   to its body. A write made any other way is outside the transaction: it survives the rollback
///   and, on an engine with a connection pool, is not even atomic with the rest.
public protocol SQLEngine: Sendable {
    /// Runs `body` on a connection that sees one consistent, committed state and must not write.
    func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` in a transaction of its own: committed when `body` returns, rolled back when it
    /// throws. Returns only once the commit is durable.
    func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T

    /// Takes the next value of `sequence` on a transaction's connection. Values are never handed
    /// out twice, whatever the number of concurrent transactions or nodes; they may leave gaps.
    func nextValue(of sequence: SQLSequence, on connection: any SQLDatabase) async throws -> Int64

    /// Creates `sequence` during a migration, continuing after the largest `column` of `table`
    /// (1 when the table is empty), so a sequence can take over from numbering that existed before it.
    func createSequence(_ sequence: SQLSequence, after column: String, in table: String,
                        on connection: any SQLDatabase) async throws

    func close() async throws
}

/// A named source of unique, increasing identifiers (an engine sequence, or a row counting up).
public struct SQLSequence: Hashable, Sendable, CustomStringConvertible {
    public var name: String

    public init(_ name: String) { self.name = name }

    public var description: String { name }
}
