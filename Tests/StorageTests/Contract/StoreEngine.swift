import ArcaTestSupport
import Foundation
import Identity
import KeyManagement
import Logging
import Queues
@testable import Storage
import Testing

/// An engine the storage contract suite runs against. PostgreSQL joins the list when it exists.
enum StoreEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case inMemory = "in-memory"
    case sqlite = "SQLite"
    /// SQLite behind ``TransactionCheckingEngine``: any write outside its transaction fails.
    case sqliteTransactionChecked = "SQLite, transactions checked"

    var testDescription: String { rawValue }

    /// The engines of SQL stores, for what only SQL engines promise (migrations, sequences).
    static let sql: [StoreEngine] = [.sqlite, .sqliteTransactionChecked]

    /// A new, empty database of this engine.
    func makeDatabase() -> ContractDatabase { ContractDatabase(engine: self) }
}

/// The stores of one engine over one database, opened as a server run opens them.
struct ContractStores: Sendable {
    var kms: any KMSStore
    var iam: any IAMStore
    var sessions: any SessionStore
    var messages: any MessageStore
    /// The SQL engine underneath, when there is one.
    var sql: (any SQLEngine)?
}

/// One database of an engine: every ``session(_:)`` opens it afresh, as a restarted server
/// would, and sees everything the previous sessions stored.
final class ContractDatabase: Sendable {
    let engine: StoreEngine
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("arca-contract-\(UUID().uuidString)").appendingPathComponent("arca.sqlite").path
    let rootKey = try! RootKey(bytes: [UInt8](repeating: 4, count: 32))
    let random = SeededRandom(seed: "storage-contract")
    private let memory = (kms: InMemoryKMSStore(), iam: InMemoryIAMStore(), sessions: InMemorySessionStore(),
                          messages: InMemoryMessageStore())

    init(engine: StoreEngine) {
        self.engine = engine
    }

    func session<T>(_ body: (ContractStores) async throws -> T) async throws -> T {
        let sql: any SQLEngine
        switch engine {
        case .inMemory:
            return try await body(ContractStores(kms: memory.kms, iam: memory.iam, sessions: memory.sessions,
                                                 messages: memory.messages, sql: nil))
        case .sqlite:
            sql = try await SQLiteDatabase.open(path: path, logger: Logger(label: "contract"))
        case .sqliteTransactionChecked:
            sql = TransactionCheckingEngine(base: try await SQLiteDatabase.open(path: path, logger: Logger(label: "contract")))
        }
        let random = self.random
        let stores = ContractStores(
            kms: SQLKMSStore(database: sql, rootKey: rootKey, randomBytes: { random.bytes($0) }),
            iam: SQLIAMStore(database: sql, rootKey: rootKey, randomBytes: { random.bytes($0) }),
            sessions: SQLSessionStore(database: sql, rootKey: rootKey, randomBytes: { random.bytes($0) }),
            messages: SQLMessageStore(database: sql),
            sql: sql)
        do {
            let result = try await body(stores)
            try await sql.close()
            return result
        } catch {
            try? await sql.close()
            throw error
        }
    }
}
