import Foundation

/// A message in a queue, as stored: a row of its queue, never a value in a list held in memory.
///
/// Everything here but ``payload`` is metadata SQS does not encrypt ("SSE doesn't encrypt the
/// following: queue metadata, message metadata (message ID, timestamp, and attributes)" — the
/// reference's encryption scope). The body and the message attributes are in ``payload``,
/// sealed under a data key on an encrypted queue.
public struct QueueMessage: Sendable, Equatable {
    /// The queue the message is in (``Queue/id``): it changes when the message moves to a
    /// dead-letter queue.
    public var queueID: Int64
    /// The message's place in its queue, handed out by the store when the message is stored and
    /// again when it moves: increasing, so FIFO order is sequence order.
    public var sequence: Int64
    public var messageID: String
    public var sentAt: Date
    /// When the message can next be received: its delay, then each receive's visibility timeout.
    public var visibleAt: Date
    public var receiveCount: Int
    public var firstReceivedAt: Date?
    /// When the message was last received: the visibility timeout counts from it (at most 12
    /// hours in all).
    public var receivedAt: Date?
    /// The secret part of the receipt handle of the latest receive; nil before the first.
    public var receipt: [UInt8]?
    /// `SenderId`: the sender's user id (an account id, `AIDA…`, or `AROA…:session`).
    public var senderID: String
    public var groupID: String?
    public var deduplicationID: String?
    /// `AWSTraceHeader`, the one message system attribute.
    public var traceHeader: String?
    /// `DeadLetterQueueSourceArn`: the queue the message was moved from.
    public var deadLetterSourceARN: String?
    /// The body and the message attributes (``MessagePayload``).
    public var payload: [UInt8]

    public init(queueID: Int64, sequence: Int64 = 0, messageID: String, sentAt: Date, visibleAt: Date,
                receiveCount: Int = 0, firstReceivedAt: Date? = nil, receivedAt: Date? = nil, receipt: [UInt8]? = nil,
                senderID: String, groupID: String? = nil, deduplicationID: String? = nil, traceHeader: String? = nil,
                deadLetterSourceARN: String? = nil, payload: [UInt8]) {
        self.queueID = queueID
        self.sequence = sequence
        self.messageID = messageID
        self.sentAt = sentAt
        self.visibleAt = visibleAt
        self.receiveCount = receiveCount
        self.firstReceivedAt = firstReceivedAt
        self.receivedAt = receivedAt
        self.receipt = receipt
        self.senderID = senderID
        self.groupID = groupID
        self.deduplicationID = deduplicationID
        self.traceHeader = traceHeader
        self.deadLetterSourceARN = deadLetterSourceARN
        self.payload = payload
    }

    /// Received and neither deleted nor visible again.
    public func isInFlight(at now: Date) -> Bool { receiveCount > 0 && visibleAt > now }

    /// The FIFO `SequenceNumber`: "a large, non-consecutive number that Amazon SQS assigns to
    /// each message", 20 digits like AWS's, increasing with the message's sequence.
    public var sequenceNumber: String { String(Self.sequenceNumberBase + UInt64(sequence)) }

    static let sequenceNumberBase: UInt64 = 18_000_000_000_000_000_000
}

/// How a message's time in the queue ends: "Amazon SQS automatically deletes messages that have
/// been in a queue for more than the maximum message retention period", counted from when it
/// was first sent, also in a dead-letter queue ("The expiration of a message is always based on
/// its original enqueue timestamp").
public enum MessageRetention {
    /// Messages sent at or before this moment have expired.
    public static func cutoff(now: Date, retentionPeriod: Int) -> Date {
        now.addingTimeInterval(-TimeInterval(retentionPeriod))
    }
}

/// A FIFO deduplication id, as it is remembered: "If a message with a particular message
/// deduplication ID is sent successfully, any messages sent with the same message deduplication
/// ID are accepted successfully but aren't delivered during the 5-minute deduplication interval."
public struct DeduplicationKey: Hashable, Sendable {
    /// The message group for `DeduplicationScope=messageGroup`, empty for `queue`.
    public var scope: String
    public var id: String

    public init(scope: String, id: String) {
        self.scope = scope
        self.id = id
    }

    /// "The 5-minute deduplication interval."
    public static let interval: TimeInterval = 300
}

/// The handle a receive answers with, which DeleteMessage and ChangeMessageVisibility take:
/// the queue, the message's sequence and a random secret of that receive, base64.
///
/// A handle names one receive: once the message is received again, an older handle no longer
/// matches it.
public struct ReceiptHandle: Sendable, Equatable {
    public var queueID: Int64
    public var sequence: Int64
    public var secret: [UInt8]

    public init(queueID: Int64, sequence: Int64, secret: [UInt8]) {
        self.queueID = queueID
        self.sequence = sequence
        self.secret = secret
    }

    static let version: UInt8 = 1
    public static let secretSize = 16

    public var encoded: String {
        var bytes = [Self.version]
        bytes.reserveCapacity(1 + 16 + Self.secretSize)
        for value in [queueID, sequence] {
            withUnsafeBytes(of: UInt64(bitPattern: value).bigEndian) { bytes += $0 }
        }
        bytes += secret
        return Data(bytes).base64EncodedString()
    }

    public init?(encoded text: String) {
        guard text.utf8.count <= 1024, let data = Data(base64Encoded: text), data.count == 17 + Self.secretSize,
              data.first == Self.version else { return nil }
        let bytes = [UInt8](data)
        func integer(at offset: Int) -> Int64 {
            Int64(bitPattern: bytes[offset..<offset + 8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        }
        self.init(queueID: integer(at: 1), sequence: integer(at: 9), secret: Array(bytes[17...]))
    }
}
