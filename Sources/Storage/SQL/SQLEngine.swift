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
    /// throws. Returns only once the commit is as durable as `durability` asks.
    func transaction<T: Sendable>(durability: CommitDurability,
                                  _ body: (any SQLDatabase) async throws -> T) async throws -> T

    /// Returns once every transaction committed before the call is ``CommitDurability/synced``:
    /// what a writer that committed `processCrashSafe` waits for before it answers, when it must
    /// tell a failure of its transaction (which it may retry) from a failure to sync it (which it
    /// must not: the transaction is committed).
    func waitUntilDurable() async throws

    /// Takes the next value of `sequence` on a transaction's connection. Values are never handed
    /// out twice, whatever the number of concurrent transactions or nodes; they may leave gaps.
    func nextValue(of sequence: SQLSequence, on connection: any SQLDatabase) async throws -> Int64

    /// Takes the next `count` values of `sequence` at once, as a range: what a batch of rows
    /// numbers itself with in one statement rather than one per row.
    func nextValues(of sequence: SQLSequence, count: Int, on connection: any SQLDatabase) async throws -> ClosedRange<Int64>

    /// Creates `sequence` during a migration, continuing after the largest `column` of `table`
    /// (1 when the table is empty), so a sequence can take over from numbering that existed before it.
    func createSequence(_ sequence: SQLSequence, after column: String, in table: String,
                        on connection: any SQLDatabase) async throws

    func close() async throws
}

extension SQLEngine {
    /// One value at a time, for engines that have nothing better.
    public func nextValues(of sequence: SQLSequence, count: Int,
                           on connection: any SQLDatabase) async throws -> ClosedRange<Int64> {
        precondition(count > 0, "a range of no values")
        var values: [Int64] = []
        for _ in 0..<count { values.append(try await nextValue(of: sequence, on: connection)) }
        // Values taken one after another in one transaction are consecutive on every engine Arca has.
        guard let first = values.first, let last = values.last, last - first == Int64(count - 1) else {
            throw StorageError("the values of \(sequence) taken in one transaction were not consecutive")
        }
        return first...last
    }

    /// A transaction whose commit is on stable storage when it returns (``CommitDurability/synced``).
    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction(durability: .synced, body)
    }
}

/// How far a commit has gone when ``SQLEngine/transaction(durability:_:)`` returns.
public enum CommitDurability: Sendable {
    /// On stable storage: the commit survives the machine losing power.
    case synced
    /// Handed to the operating system: the commit survives the Arca process dying (`kill -9`, a
    /// crash) and reaches stable storage with the next synced commit or checkpoint; a power loss
    /// before then may take it. For writes made on every request (audit records), where a disk
    /// sync per batch would bound the request rate by the disk's sync latency.
    case processCrashSafe
}

/// A named source of unique, increasing identifiers (an engine sequence, or a row counting up).
public struct SQLSequence: Hashable, Sendable, CustomStringConvertible {
    public var name: String

    public init(_ name: String) { self.name = name }

    public var description: String { name }
}
