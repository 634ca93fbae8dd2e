import Foundation
import SQLKit
import Topics

/// SNS's outbound HTTP/S deliveries over any SQL engine: a row each, due at a moment, the payload
/// as base64 text (sealed for encrypted topics).
public final class SQLDeliveryOutbox: DeliveryOutbox {
    private let engine: any SQLEngine

    public init(database engine: any SQLEngine) {
        self.engine = engine
    }

    /// The `record` column: what the row's columns do not hold.
    struct Record: Codable {
        var topicARN: String
        var endpoint: String
        var messageType: String
        var messageID: String
        var contentType: String
        var raw: Bool
    }

    public func enqueue(_ deliveries: [OutboundDelivery]) async throws {
        guard !deliveries.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try await engine.transaction { database in
            for delivery in deliveries {
                let id = try await engine.nextValue(of: .snsDeliveryIDs, on: database)
                let record = Record(topicARN: delivery.topicARN, endpoint: delivery.endpoint, messageType: delivery.messageType,
                                    messageID: delivery.messageID, contentType: delivery.contentType, raw: delivery.raw)
                try await database.raw("""
                    INSERT INTO sns_deliveries (delivery_id, subscription_arn, due_at, attempts, record, payload)
                    VALUES (\(bind: id), \(bind: delivery.subscriptionARN), \(bind: delivery.dueAt.timeIntervalSince1970),
                            \(bind: delivery.attempts), \(bind: String(decoding: try encoder.encode(record), as: UTF8.self)),
                            \(bind: Data(delivery.payload).base64EncodedString()))
                    """).run()
            }
        }
    }

    public func due(at now: Date, limit: Int) async throws -> [OutboundDelivery] {
        let rows = try await engine.read { database in
            try await database.raw("""
                SELECT delivery_id, subscription_arn, due_at, attempts, record, payload FROM sns_deliveries
                WHERE due_at <= \(bind: now.timeIntervalSince1970) ORDER BY due_at, delivery_id LIMIT \(bind: limit)
                """).all()
        }
        let decoder = JSONDecoder()
        return try rows.map { row in
            let record = try decoder.decode(Record.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
            guard let payload = Data(base64Encoded: try row.decode(column: "payload", as: String.self)) else {
                throw StorageError("a stored SNS delivery has a damaged payload")
            }
            return OutboundDelivery(
                id: try row.decode(column: "delivery_id", as: Int64.self), subscriptionARN: try row.decode(column: "subscription_arn", as: String.self),
                topicARN: record.topicARN, endpoint: record.endpoint, messageType: record.messageType, messageID: record.messageID,
                contentType: record.contentType, raw: record.raw, payload: [UInt8](payload),
                attempts: try row.decode(column: "attempts", as: Int.self),
                dueAt: Date(timeIntervalSince1970: try row.decode(column: "due_at", as: Double.self)))
        }
    }

    public func remove(id: Int64) async throws {
        try await engine.transaction { database in
            try await database.raw("DELETE FROM sns_deliveries WHERE delivery_id = \(bind: id)").run()
        }
    }

    public func reschedule(id: Int64, attempts: Int, dueAt: Date) async throws {
        try await engine.transaction { database in
            try await database.raw("""
                UPDATE sns_deliveries SET attempts = \(bind: attempts), due_at = \(bind: dueAt.timeIntervalSince1970)
                WHERE delivery_id = \(bind: id)
                """).run()
        }
    }
}
