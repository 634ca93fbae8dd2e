import Foundation
import Identity
import Queues
import SQLKit

/// SQS queues over any SQL engine. A queue's configuration is kept as the attribute map the API
/// speaks (``QueueConfiguration/storedAttributes``), so the row format follows the API and not
/// Arca's types.
public final class SQLQueueStore: QueueStore {
    private let engine: any SQLEngine

    public init(database engine: any SQLEngine) {
        self.engine = engine
    }

    /// The `record` column.
    struct Record: Codable {
        var attributes: [String: String]
        var tags: [String: String]
        var createdAt: Double
        var lastModifiedAt: Double
    }

    public func load(deletedSince: Date) async throws -> QueueSnapshot {
        let (queueRows, deletionRows) = try await engine.read { database in
            (try await database.raw("SELECT queue_id, account, region, name, record FROM sqs_queues ORDER BY queue_id").all(),
             try await database.raw("""
                SELECT account, region, name, deleted_at FROM sqs_queue_deletions
                WHERE deleted_at >= \(bind: deletedSince.timeIntervalSince1970)
                """).all())
        }
        let taskRows = try await engine.read { database in
            try await database.raw("""
                SELECT record FROM sqs_message_move_tasks
                WHERE started_at >= \(bind: deletedSince.addingTimeInterval(-Self.moveTaskRetention).timeIntervalSince1970)
                ORDER BY started_at
                """).all()
        }
        let decoder = JSONDecoder()
        var snapshot = QueueSnapshot()
        snapshot.moveTasks = try taskRows.map {
            try decoder.decode(MessageMoveTask.self, from: Data(try $0.decode(column: "record", as: String.self).utf8))
        }
        for row in queueRows {
            let address = try Self.address(row)
            let record = try decoder.decode(Record.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
            let configuration: QueueConfiguration
            do {
                configuration = try QueueConfiguration(storedAttributes: record.attributes)
            } catch {
                throw StorageError("the stored attributes of queue \(address.arn) are not valid: \(error)")
            }
            snapshot.queues.append(Queue(
                id: try row.decode(column: "queue_id", as: Int64.self), address: address, configuration: configuration,
                tags: record.tags, createdAt: Date(timeIntervalSince1970: record.createdAt),
                lastModifiedAt: Date(timeIntervalSince1970: record.lastModifiedAt)))
        }
        for row in deletionRows {
            snapshot.deletions[try Self.address(row)] = Date(timeIntervalSince1970: try row.decode(column: "deleted_at", as: Double.self))
        }
        return snapshot
    }

    public func apply(_ changes: [QueueChange]) async throws {
        try await engine.transaction { database in
            for change in changes { try await Self.apply(change, on: database) }
        }
    }

    private static func apply(_ change: QueueChange, on database: any SQLDatabase) async throws {
        switch change {
        case .put(let queue):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let record = Record(attributes: queue.configuration.storedAttributes, tags: queue.tags,
                                createdAt: queue.createdAt.timeIntervalSince1970,
                                lastModifiedAt: queue.lastModifiedAt.timeIntervalSince1970)
            let text = String(decoding: try encoder.encode(record), as: UTF8.self)
            let address = queue.address
            try await database.raw("""
                INSERT INTO sqs_queues (queue_id, account, region, name, record)
                VALUES (\(bind: queue.id), \(bind: address.account.rawValue), \(bind: address.region),
                        \(bind: address.name.rawValue), \(bind: text))
                ON CONFLICT (queue_id) DO UPDATE SET record = excluded.record
                """).run()
            try await database.raw("""
                DELETE FROM sqs_queue_deletions WHERE account = \(bind: address.account.rawValue)
                AND region = \(bind: address.region) AND name = \(bind: address.name.rawValue)
                """).run()
        case .putMoveTask(let task):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let record = String(decoding: try encoder.encode(task), as: UTF8.self)
            try await database.raw("""
                INSERT INTO sqs_message_move_tasks (task_id, source_arn, started_at, record)
                VALUES (\(bind: task.id), \(bind: task.sourceARN), \(bind: task.startedAt.timeIntervalSince1970), \(bind: record))
                ON CONFLICT (task_id) DO UPDATE SET record = excluded.record
                """).run()
        case .delete(let queue, let date):
            let address = queue.address
            try await database.raw("DELETE FROM sqs_queues WHERE queue_id = \(bind: queue.id)").run()
            // "When you delete a queue, any messages in the queue are no longer available."
            try await database.raw("DELETE FROM sqs_messages WHERE queue_id = \(bind: queue.id)").run()
            try await database.raw("DELETE FROM sqs_message_deduplication WHERE queue_id = \(bind: queue.id)").run()
            try await database.raw("""
                INSERT INTO sqs_queue_deletions (account, region, name, deleted_at)
                VALUES (\(bind: address.account.rawValue), \(bind: address.region), \(bind: address.name.rawValue),
                        \(bind: date.timeIntervalSince1970))
                ON CONFLICT (account, region, name) DO UPDATE SET deleted_at = excluded.deleted_at
                """).run()
        }
    }

    /// "ListMessageMoveTasks … Gets the most recent message movement tasks (up to 10) under a
    /// specific source queue", of the last 14 days.
    static let moveTaskRetention: TimeInterval = 14 * 86_400

    public func nextQueueID() async throws -> Int64 {
        try await engine.transaction { database in
            try await engine.nextValue(of: .sqsQueueIDs, on: database)
        }
    }

    private static func address(_ row: any SQLRow) throws -> QueueAddress {
        let accountText = try row.decode(column: "account", as: String.self)
        guard let account = AccountID(accountText) else { throw StorageError("a stored queue has the account \(accountText)") }
        return QueueAddress(account: account, region: try row.decode(column: "region", as: String.self),
                            name: QueueName(unchecked: try row.decode(column: "name", as: String.self)))
    }
}
