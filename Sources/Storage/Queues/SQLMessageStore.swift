import AWSWire
import Crypto
import Foundation
import Queues
import SQLKit

/// SQS messages over any SQL engine: a row per message, received by selecting the rows visible
/// now in the writer's transaction, so two receives never take the same message.
///
/// Payloads and receipt secrets are stored as base64 text, which every engine keeps alike.
public final class SQLMessageStore: MessageStore {
    private let engine: any SQLEngine

    public init(database engine: any SQLEngine) {
        self.engine = engine
        let durable: @Sendable () async throws -> Void = { try await engine.waitUntilDurable() }
        sends = CoalescingWriter(write: { requests in try await Self.send(requests, on: engine) }, durable: durable)
        deletes = CoalescingWriter(write: { requests in try await Self.delete(requests, on: engine) }, durable: durable)
        receives = CoalescingWriter(write: { requests in try await Self.receive(requests, on: engine) }, durable: durable)
    }

    static let columns = """
        seq, queue_id, message_id, sent_at, visible_at, receive_count, first_received_at, received_at, receipt, \
        sender_id, group_id, deduplication_id, trace_header, dead_letter_source, payload
        """

    /// Concurrent sends share a transaction, a sequence update and multi-row inserts.
    private let sends: CoalescingWriter<([OutgoingMessage], Date), [SentMessage]>
    /// Concurrent deletes share a transaction and a statement.
    private let deletes: CoalescingWriter<MessageDeletion, Bool>
    /// Concurrent receives share a transaction. A receive that found its queue's in-flight
    /// messages at the limit answers nil.
    private let receives: CoalescingWriter<ReceiveRequest, [QueueMessage]?>

    public func send(_ messages: [OutgoingMessage], now: Date) async throws -> [SentMessage] {
        guard !messages.isEmpty else { return [] }
        return try await sends.submit((messages, now))
    }

    /// Stores every request's messages in one transaction, answering each request's.
    private static func send(_ requests: [([OutgoingMessage], Date)], on engine: any SQLEngine) async throws -> [[SentMessage]] {
        try await engine.transaction(durability: .processCrashSafe) { database in
            let total = requests.reduce(0) { $0 + $1.0.count }
            var sequences = try await engine.nextValues(of: .sqsMessageSequence, count: total, on: database).makeIterator()
            var answers: [[SentMessage]] = []
            answers.reserveCapacity(requests.count)
            var rows: [QueueMessage] = []
            rows.reserveCapacity(total)
            // A deduplication id stored in this round holds for the rest of it, as it would in
            // transactions one after another.
            var storedNow: [DeduplicationPlace: SentMessage] = [:]
            for (messages, now) in requests {
                var answer: [SentMessage] = []
                for outgoing in messages {
                    var message = outgoing.message
                    message.sequence = sequences.next()!
                    if let key = outgoing.deduplication {
                        let place = DeduplicationPlace(queueID: message.queueID, key: key)
                        if let earlier = storedNow[place] {
                            answer.append(SentMessage(messageID: earlier.messageID, sequence: earlier.sequence, duplicate: true))
                            continue
                        }
                        if let earlier = try await Self.deduplicated(key, queueID: message.queueID, now: now, on: database) {
                            answer.append(earlier)
                            continue
                        }
                        try await database.raw("""
                            INSERT INTO sqs_message_deduplication (queue_id, scope, deduplication_id, message_id, seq, expires_at)
                            VALUES (\(bind: message.queueID), \(bind: key.scope), \(bind: key.id), \(bind: message.messageID),
                                    \(bind: message.sequence), \(bind: now.addingTimeInterval(DeduplicationKey.interval).timeIntervalSince1970))
                            ON CONFLICT (queue_id, scope, deduplication_id) DO UPDATE SET message_id = excluded.message_id,
                                seq = excluded.seq, expires_at = excluded.expires_at
                            """).run()
                        storedNow[place] = SentMessage(messageID: message.messageID, sequence: message.sequence)
                    }
                    rows.append(message)
                    answer.append(SentMessage(messageID: message.messageID, sequence: message.sequence))
                }
                answers.append(answer)
            }
            for chunk in stride(from: 0, to: rows.count, by: rowsPerStatement).map({ rows[$0..<min($0 + rowsPerStatement, rows.count)] }) {
                let insert = database.insert(into: "sqs_messages").columns(
                    "seq", "queue_id", "message_id", "sent_at", "visible_at", "receive_count", "sender_id", "group_id",
                    "deduplication_id", "trace_header", "dead_letter_source", "payload")
                for message in chunk {
                    insert.values(SQLBind(message.sequence), SQLBind(message.queueID), SQLBind(message.messageID),
                                  SQLBind(message.sentAt.timeIntervalSince1970), SQLBind(message.visibleAt.timeIntervalSince1970),
                                  SQLBind(message.receiveCount), SQLBind(message.senderID), SQLBind(message.groupID),
                                  SQLBind(message.deduplicationID), SQLBind(message.traceHeader), SQLBind(message.deadLetterSourceARN),
                                  SQLBind(Data(message.payload).base64EncodedString()))
                }
                try await insert.run()
            }
            return answers
        }
    }

    /// Rows per multi-row statement: 12 binds each stays far below SQLite's 32,766 variables.
    static let rowsPerStatement = 500

    struct DeduplicationPlace: Hashable {
        var queueID: Int64
        var key: DeduplicationKey
    }

    private static func deduplicated(_ key: DeduplicationKey, queueID: Int64, now: Date,
                                     on database: any SQLDatabase) async throws -> SentMessage? {
        guard let row = try await database.raw("""
            SELECT message_id, seq FROM sqs_message_deduplication
            WHERE queue_id = \(bind: queueID) AND scope = \(bind: key.scope) AND deduplication_id = \(bind: key.id)
            AND expires_at > \(bind: now.timeIntervalSince1970)
            """).first() else { return nil }
        return SentMessage(messageID: try row.decode(column: "message_id", as: String.self),
                           sequence: try row.decode(column: "seq", as: Int64.self), duplicate: true)
    }

    public func receive(_ request: ReceiveRequest) async throws -> [QueueMessage] {
        guard let received = try await receives.submit(request) else { throw InFlightLimitReached() }
        return received
    }

    /// Every waiting receive in one transaction, one after another, so each sees what the ones
    /// before it took.
    private static func receive(_ requests: [ReceiveRequest], on engine: any SQLEngine) async throws -> [[QueueMessage]?] {
        try await engine.transaction(durability: .processCrashSafe) { database in
            var answers: [[QueueMessage]?] = []
            for request in requests { answers.append(try await receive(request, on: database, engine: engine)) }
            return answers
        }
    }

    private static func receive(_ request: ReceiveRequest, on database: any SQLDatabase,
                                engine: any SQLEngine) async throws -> [QueueMessage]? {
        let limit = request.room(inFlight: try await inFlight(request, on: database))
        guard limit > 0 else { return nil }
        var received: [QueueMessage] = []
        // Rounds: a round that moves messages to the dead-letter queue looks again for more.
        for _ in 0..<4 where received.count < limit {
            let candidates = try await Self.candidates(request, limit: limit - received.count, on: database)
            if candidates.isEmpty { break }
            var moved = false
            let roundStart = received.count
            for var message in candidates {
                if let deadLetter = request.deadLetter, message.receiveCount >= deadLetter.maxReceiveCount {
                    let sequence = try await engine.nextValue(of: .sqsMessageSequence, on: database)
                    try await database.raw("""
                        UPDATE sqs_messages SET seq = \(bind: sequence), queue_id = \(bind: deadLetter.queueID),
                            visible_at = \(bind: request.now.timeIntervalSince1970), receipt = NULL,
                            dead_letter_source = \(bind: deadLetter.sourceARN),
                            sent_at = \(bind: (deadLetter.restartsRetention ? request.now : message.sentAt).timeIntervalSince1970)
                        WHERE seq = \(bind: message.sequence)
                        """).run()
                    moved = true
                    continue
                }
                message.receiveCount += 1
                message.firstReceivedAt = message.firstReceivedAt ?? request.now
                message.receivedAt = request.now
                message.visibleAt = request.visibleUntil
                message.receipt = request.receipts[received.count]
                received.append(message)
            }
            // Marked before the next round looks for more, which must not find them again.
            try await Self.markReceived(Array(received[roundStart...]), at: request, on: database)
            if !moved { break }
        }
        if let attempt = request.attempt, !received.isEmpty {
            try await Self.remember(attempt, took: received, now: request.now, on: database)
        }
        return received
    }

    /// Keeps what a receive with an attempt id took, in its transaction; attempts whose five
    /// minutes have ended go.
    private static func remember(_ attempt: (key: String, expiresAt: Date), took received: [QueueMessage], now: Date,
                                 on database: any SQLDatabase) async throws {
        let sequences = received.map { String($0.sequence) }.joined(separator: ",")
        let digests = received.map { Data(SHA256.hash(data: $0.receipt ?? [])).base64EncodedString() }.joined(separator: ",")
        try await database.raw("DELETE FROM sqs_receive_attempts WHERE expires_at <= \(bind: now.timeIntervalSince1970)").run()
        try await database.raw("""
            INSERT INTO sqs_receive_attempts (attempt_key, sequences, receipt_digests, expires_at)
            VALUES (\(bind: attempt.key), \(bind: sequences), \(bind: digests), \(bind: attempt.expiresAt.timeIntervalSince1970))
            ON CONFLICT (attempt_key) DO UPDATE SET sequences = excluded.sequences,
                receipt_digests = excluded.receipt_digests, expires_at = excluded.expires_at
            """).run()
    }

    public func receiveAttempt(_ key: String, now: Date) async throws -> RememberedReceiveAttempt? {
        let row = try await engine.read { database in
            try await database.raw("""
                SELECT sequences, receipt_digests FROM sqs_receive_attempts
                WHERE attempt_key = \(bind: key) AND expires_at > \(bind: now.timeIntervalSince1970)
                """).first()
        }
        guard let row else { return nil }
        let sequences = try row.decode(column: "sequences", as: String.self).split(separator: ",").compactMap { Int64($0) }
        let digests = try row.decode(column: "receipt_digests", as: String.self).split(separator: ",")
            .compactMap { Data(base64Encoded: String($0)).map(Array.init) }
        guard !sequences.isEmpty, sequences.count == digests.count else { return nil }
        return RememberedReceiveAttempt(sequences: sequences, receiptDigests: digests)
    }

    /// How many of the queue's messages are in flight: received, and not visible again yet. Counted
    /// only when a limit is set, along the index of visibility.
    private static func inFlight(_ request: ReceiveRequest, on database: any SQLDatabase) async throws -> Int {
        guard request.inFlightLimit < .max else { return 0 }
        let row = try await database.raw("""
            SELECT COUNT(*) AS n FROM sqs_messages
            WHERE queue_id = \(bind: request.queueID) AND visible_at > \(bind: request.now.timeIntervalSince1970)
            AND receive_count > 0 AND sent_at > \(bind: request.sentAfter.timeIntervalSince1970)
            """).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// `statement` restricted to the rows of `sequences`: `… WHERE seq IN (…)`.
    static func bySequence(_ statement: String, _ sequences: some Collection<Int64>) -> SQLQueryString {
        var sql = SQLQueryString(stringLiteral: statement + " WHERE seq IN (")
        for (index, sequence) in sequences.enumerated() {
            if index > 0 { sql.appendInterpolation(unsafeRaw: ", ") }
            sql.appendInterpolation(bind: sequence)
        }
        sql.appendInterpolation(unsafeRaw: ")")
        return sql
    }

    /// One statement for every message a receive took: one more receive, the new visibility and
    /// each message's own receipt.
    private static func markReceived(_ messages: [QueueMessage], at request: ReceiveRequest,
                                     on database: any SQLDatabase) async throws {
        guard !messages.isEmpty else { return }
        var sql = SQLQueryString("UPDATE sqs_messages SET receive_count = receive_count + 1, first_received_at = COALESCE(first_received_at, ")
        sql.appendInterpolation(bind: request.now.timeIntervalSince1970)
        sql.appendInterpolation(unsafeRaw: "), received_at = ")
        sql.appendInterpolation(bind: request.now.timeIntervalSince1970)
        sql.appendInterpolation(unsafeRaw: ", visible_at = ")
        sql.appendInterpolation(bind: request.visibleUntil.timeIntervalSince1970)
        sql.appendInterpolation(unsafeRaw: ", receipt = CASE seq")
        for message in messages {
            sql.appendInterpolation(unsafeRaw: " WHEN ")
            sql.appendInterpolation(bind: message.sequence)
            sql.appendInterpolation(unsafeRaw: " THEN ")
            sql.appendInterpolation(bind: Data(message.receipt!).base64EncodedString())
        }
        sql.appendInterpolation(unsafeRaw: " END WHERE seq IN (")
        for (index, message) in messages.enumerated() {
            if index > 0 { sql.appendInterpolation(unsafeRaw: ", ") }
            sql.appendInterpolation(bind: message.sequence)
        }
        sql.appendInterpolation(unsafeRaw: ")")
        try await database.raw(sql).run()
    }

    /// The messages a receive may take, in order: visible now and not expired; on a FIFO queue,
    /// only those whose group has no earlier message that is not visible.
    private static func candidates(_ request: ReceiveRequest, limit: Int, on database: any SQLDatabase) async throws -> [QueueMessage] {
        let now = request.now.timeIntervalSince1970
        let sentAfter = request.sentAfter.timeIntervalSince1970
        let rows: [any SQLRow]
        if request.fifo {
            rows = try await database.raw("""
                SELECT \(unsafeRaw: columns) FROM sqs_messages m
                WHERE m.queue_id = \(bind: request.queueID) AND m.visible_at <= \(bind: now) AND m.sent_at > \(bind: sentAfter)
                AND NOT EXISTS (
                    SELECT 1 FROM sqs_messages e
                    WHERE e.queue_id = m.queue_id AND e.group_id = m.group_id AND e.seq < m.seq
                    AND e.visible_at > \(bind: now) AND e.sent_at > \(bind: sentAfter))
                ORDER BY m.seq LIMIT \(bind: limit)
                """).all()
        } else {
            rows = try await database.raw("""
                SELECT \(unsafeRaw: columns) FROM sqs_messages
                WHERE queue_id = \(bind: request.queueID) AND visible_at <= \(bind: now) AND sent_at > \(bind: sentAfter)
                ORDER BY visible_at, seq LIMIT \(bind: limit)
                """).all()
        }
        return try rows.map(Self.message)
    }

    public func message(queueID: Int64, sequence: Int64) async throws -> QueueMessage? {
        try await engine.read { database in
            try await database.raw("""
                SELECT \(unsafeRaw: Self.columns) FROM sqs_messages WHERE seq = \(bind: sequence) AND queue_id = \(bind: queueID)
                """).first()
        }.map(Self.message)
    }

    public func delete(queueID: Int64, sequence: Int64, receipt: [UInt8], inFlightAt: Date?) async throws -> Bool {
        try await deletes.submit(MessageDeletion(queueID: queueID, sequence: sequence, receipt: Data(receipt).base64EncodedString(),
                                                 inFlightAt: inFlightAt))
    }

    struct MessageDeletion: Sendable {
        var queueID: Int64
        var sequence: Int64
        var receipt: String
        var inFlightAt: Date?
    }

    /// Deletes in one transaction: the rows asked for are read, each deletion is decided by
    /// comparing its receipt with the row's in constant time (and, when `inFlightAt` is given,
    /// whether the message is still in flight then), and the decided rows go in one statement per
    /// chunk. Each deletion answers whether its message went.
    private static func delete(_ requests: [MessageDeletion], on engine: any SQLEngine) async throws -> [Bool] {
        try await engine.transaction(durability: .processCrashSafe) { database in
            var rows: [Int64: (queueID: Int64, receipt: String?, visibleAt: Double)] = [:]
            let sequences = Array(Set(requests.map(\.sequence)))
            for chunk in stride(from: 0, to: sequences.count, by: 500).map({ sequences[$0..<min($0 + 500, sequences.count)] }) {
                let sql = Self.bySequence("SELECT seq, queue_id, receipt, visible_at FROM sqs_messages", chunk)
                for row in try await database.raw(sql).all() {
                    rows[try row.decode(column: "seq", as: Int64.self)] = (try row.decode(column: "queue_id", as: Int64.self),
                                                                            try row.decode(column: "receipt", as: String?.self),
                                                                            try row.decode(column: "visible_at", as: Double.self))
                }
            }
            // A sequence names one message: only the first deletion that matches it takes it.
            var taken = Set<Int64>()
            let answers = requests.map { request -> Bool in
                guard let row = rows[request.sequence], row.queueID == request.queueID, let receipt = row.receipt,
                      ConstantTime.equal(Array(receipt.utf8), request.receipt.utf8),
                      request.inFlightAt.map({ row.visibleAt > $0.timeIntervalSince1970 }) ?? true,
                      taken.insert(request.sequence).inserted else { return false }
                return true
            }
            let doomed = Array(taken)
            for chunk in stride(from: 0, to: doomed.count, by: 500).map({ doomed[$0..<min($0 + 500, doomed.count)] }) {
                try await database.raw(Self.bySequence("DELETE FROM sqs_messages", chunk)).run()
            }
            return answers
        }
    }

    public func setVisibility(queueID: Int64, sequence: Int64, receipt: [UInt8], visibleAt: Date) async throws -> Bool {
        let secret = Data(receipt).base64EncodedString()
        return try await engine.transaction { database in
            try await database.raw("""
                UPDATE sqs_messages SET visible_at = \(bind: visibleAt.timeIntervalSince1970)
                WHERE seq = \(bind: sequence) AND queue_id = \(bind: queueID) AND receipt = \(bind: secret) RETURNING seq
                """).first() != nil
        }
    }

    public func purge(queueID: Int64, sentBefore: Date) async throws {
        try await engine.transaction { database in
            try await database.raw("""
                DELETE FROM sqs_messages WHERE queue_id = \(bind: queueID) AND sent_at <= \(bind: sentBefore.timeIntervalSince1970)
                """).run()
        }
    }

    public func move(from queueID: Int64, limit: Int, now: Date, sentAfter: Date,
                     destination: @Sendable (QueueMessage) -> Int64?) async throws -> (moved: Int, stranded: Bool) {
        try await engine.transaction { database in
            let rows = try await database.raw("""
                SELECT \(unsafeRaw: Self.columns) FROM sqs_messages
                WHERE queue_id = \(bind: queueID) AND visible_at <= \(bind: now.timeIntervalSince1970)
                AND sent_at > \(bind: sentAfter.timeIntervalSince1970)
                ORDER BY seq LIMIT \(bind: limit)
                """).all()
            var moved = 0
            for row in rows {
                let message = try Self.message(row)
                guard let target = destination(message) else { return (moved, true) }
                let sequence = try await engine.nextValue(of: .sqsMessageSequence, on: database)
                try await database.raw("""
                    UPDATE sqs_messages SET seq = \(bind: sequence), queue_id = \(bind: target),
                        visible_at = \(bind: now.timeIntervalSince1970), receive_count = 0, first_received_at = NULL,
                        received_at = NULL, receipt = NULL, dead_letter_source = NULL
                    WHERE seq = \(bind: message.sequence)
                    """).run()
                moved += 1
            }
            return (moved, false)
        }
    }

    public func forgetDeduplication(expiredBy now: Date) async throws {
        try await engine.transaction { database in
            try await database.raw("""
                DELETE FROM sqs_message_deduplication WHERE expires_at <= \(bind: now.timeIntervalSince1970)
                """).run()
        }
    }

    public func counts(queueID: Int64, now: Date, sentAfter: Date) async throws -> MessageCounts {
        let row = try await engine.read { database in
            try await database.raw("""
                SELECT
                    SUM(CASE WHEN visible_at <= \(bind: now.timeIntervalSince1970) THEN 1 ELSE 0 END) AS visible,
                    SUM(CASE WHEN visible_at > \(bind: now.timeIntervalSince1970) AND receive_count > 0 THEN 1 ELSE 0 END) AS in_flight,
                    SUM(CASE WHEN visible_at > \(bind: now.timeIntervalSince1970) AND receive_count = 0 THEN 1 ELSE 0 END) AS delayed
                FROM sqs_messages WHERE queue_id = \(bind: queueID) AND sent_at > \(bind: sentAfter.timeIntervalSince1970)
                """).first()
        }
        func count(_ column: String) throws -> Int { Int(try row?.decode(column: column, as: Int64?.self) ?? 0) }
        return MessageCounts(visible: try count("visible"), notVisible: try count("in_flight"), delayed: try count("delayed"))
    }

    private static func message(_ row: any SQLRow) throws -> QueueMessage {
        func date(_ column: String) throws -> Date? {
            try row.decode(column: column, as: Double?.self).map(Date.init(timeIntervalSince1970:))
        }
        func bytes(_ column: String) throws -> [UInt8]? {
            guard let text = try row.decode(column: column, as: String?.self) else { return nil }
            guard let data = Data(base64Encoded: text) else { throw StorageError("a stored message's \(column) is not base64") }
            return [UInt8](data)
        }
        return QueueMessage(
            queueID: try row.decode(column: "queue_id", as: Int64.self), sequence: try row.decode(column: "seq", as: Int64.self),
            messageID: try row.decode(column: "message_id", as: String.self), sentAt: try date("sent_at")!,
            visibleAt: try date("visible_at")!, receiveCount: try row.decode(column: "receive_count", as: Int.self),
            firstReceivedAt: try date("first_received_at"), receivedAt: try date("received_at"), receipt: try bytes("receipt"),
            senderID: try row.decode(column: "sender_id", as: String.self), groupID: try row.decode(column: "group_id", as: String?.self),
            deduplicationID: try row.decode(column: "deduplication_id", as: String?.self),
            traceHeader: try row.decode(column: "trace_header", as: String?.self),
            deadLetterSourceARN: try row.decode(column: "dead_letter_source", as: String?.self), payload: try bytes("payload") ?? [])
    }
}
