import Crypto
import Foundation
import SQLKit
import Topics

/// SNS's local inbox over any SQL engine: a row per delivered message, its body sealed under a
/// fresh data key wrapped under SNS's own key (derived from the root key), never stored in
/// plaintext.
public final class SQLLocalInbox: LocalInbox {
    private let engine: any SQLEngine
    private let wrappingKey: SymmetricKey
    private let randomBytes: @Sendable (Int) -> [UInt8]

    public init(database engine: any SQLEngine, wrappingKey: SymmetricKey, randomBytes: @escaping @Sendable (Int) -> [UInt8]) {
        self.engine = engine
        self.wrappingKey = wrappingKey
        self.randomBytes = randomBytes
    }

    /// The `record` column: everything but the body.
    struct Record: Codable {
        var deliveryProtocol: String
        var topicARN: String?
        var subscriptionARN: String?
        var messageType: String
        var messageID: String
        var subject: String?
        var timestamp: Double
    }

    public func deliver(_ messages: [InboxMessage]) async throws {
        guard !messages.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var rows: [(endpoint: String, record: String, payload: String, binding: String)] = []
        for message in messages {
            let record = Record(deliveryProtocol: message.deliveryProtocol, topicARN: message.topicARN,
                                subscriptionARN: message.subscriptionARN, messageType: message.messageType, messageID: message.messageID,
                                subject: message.subject, timestamp: message.timestamp.timeIntervalSince1970)
            let sealed = try NotificationPayload.seal(message.body, wrappingKey: wrappingKey, binding: Self.binding(message.endpoint, message.messageID),
                                               randomBytes: randomBytes)
            rows.append((message.endpoint, String(decoding: try encoder.encode(record), as: UTF8.self), Data(sealed).base64EncodedString(), ""))
        }
        try await engine.transaction { database in
            for row in rows {
                let sequence = try await engine.nextValue(of: .snsInboxSequence, on: database)
                try await database.raw("""
                    INSERT INTO sns_inbox (message_seq, endpoint, record, payload)
                    VALUES (\(bind: sequence), \(bind: row.endpoint), \(bind: row.record), \(bind: row.payload))
                    """).run()
            }
            // An endpoint keeps its latest messages only, as a phone or a mailbox of fixed size.
            for endpoint in Set(rows.map(\.endpoint)) {
                try await database.raw("""
                    DELETE FROM sns_inbox WHERE endpoint = \(bind: endpoint) AND message_seq NOT IN (
                        SELECT message_seq FROM sns_inbox WHERE endpoint = \(bind: endpoint)
                        ORDER BY message_seq DESC LIMIT \(bind: Self.messagesPerEndpoint))
                    """).run()
            }
        }
    }

    public func messages(endpoint: String?) async throws -> [InboxMessage] {
        let rows = try await engine.read { database in
            if let endpoint {
                return try await database.raw("""
                    SELECT endpoint, record, payload FROM sns_inbox WHERE endpoint = \(bind: endpoint) ORDER BY message_seq
                    """).all()
            }
            return try await database.raw("SELECT endpoint, record, payload FROM sns_inbox ORDER BY message_seq").all()
        }
        let decoder = JSONDecoder()
        return try rows.map { row in
            let endpoint = try row.decode(column: "endpoint", as: String.self)
            let record = try decoder.decode(Record.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
            guard let payload = Data(base64Encoded: try row.decode(column: "payload", as: String.self)),
                  let body = NotificationPayload.open([UInt8](payload), wrappingKey: wrappingKey, binding: Self.binding(endpoint, record.messageID))
            else { throw StorageError("a message of the SNS inbox does not open") }
            return InboxMessage(deliveryProtocol: record.deliveryProtocol, endpoint: endpoint, topicARN: record.topicARN,
                                subscriptionARN: record.subscriptionARN, messageType: record.messageType, messageID: record.messageID,
                                subject: record.subject, body: body, timestamp: Date(timeIntervalSince1970: record.timestamp))
        }
    }

    public func clear(endpoint: String?) async throws {
        try await engine.transaction { database in
            if let endpoint {
                try await database.raw("DELETE FROM sns_inbox WHERE endpoint = \(bind: endpoint)").run()
            } else {
                try await database.raw("DELETE FROM sns_inbox").run()
            }
        }
    }

    /// How many messages an endpoint keeps: the oldest go first.
    static let messagesPerEndpoint = 1_000

    static func binding(_ endpoint: String, _ messageID: String) -> String { "sns-inbox:\(endpoint)\n\(messageID)" }
}
