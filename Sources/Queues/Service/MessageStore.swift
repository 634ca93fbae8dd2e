import Foundation

/// Durable storage for messages, implemented by the `Storage` module for each SQL engine.
///
/// Messages are rows of their queue, and the store answers receives by selecting rows visible
/// now, so engines shared by several nodes can receive with row locks (`FOR UPDATE SKIP
/// LOCKED`) without anything held in one node's memory.
///
/// - Important: every change must be durable before its method returns: an acknowledged
///   SendMessage survives `kill -9`, and an answered receive, delete or visibility change holds
///   after a restart.
public protocol MessageStore: Sendable {
    /// Stores `messages`, each under the next sequence, in one transaction. A message whose
    /// deduplication key a message stored in the last 5 minutes (before `now`) had is not
    /// stored: the answer names the earlier message instead.
    func send(_ messages: [OutgoingMessage], now: Date) async throws -> [SentMessage]

    /// Receives up to `request.limit` messages as ``ReceiveRequest`` describes and marks them
    /// received, in one transaction. Throws ``InFlightLimitReached`` when the queue already has
    /// `request.inFlightLimit` messages in flight.
    func receive(_ request: ReceiveRequest) async throws -> [QueueMessage]

    /// The message, or nil if it is not (or no longer) in the queue.
    func message(queueID: Int64, sequence: Int64) async throws -> QueueMessage?

    /// Deletes the message if `receipt` is the secret of its latest receive and, when
    /// `inFlightAt` is given, it is still in flight then. Returns whether it did.
    func delete(queueID: Int64, sequence: Int64, receipt: [UInt8], inFlightAt: Date?) async throws -> Bool

    /// Makes the message visible at `visibleAt` if `receipt` is the secret of its latest
    /// receive. Returns whether it did.
    func setVisibility(queueID: Int64, sequence: Int64, receipt: [UInt8], visibleAt: Date) async throws -> Bool

    /// Deletes every message of the queue sent at or before `sentBefore`.
    func purge(queueID: Int64, sentBefore: Date) async throws

    /// Moves up to `limit` messages visible at `now` and sent after `sentAfter` out of the queue,
    /// oldest first, each to the queue `destination` names for it, as if newly sent there but
    /// keeping its id, body, attributes and first send. A message `destination` finds nowhere to
    /// go for stops the move where it is. Returns how many moved and whether one was stranded.
    func move(from queueID: Int64, limit: Int, now: Date, sentAfter: Date,
              destination: @Sendable (QueueMessage) -> Int64?) async throws -> (moved: Int, stranded: Bool)

    /// Forgets the deduplication ids whose five minutes ended at or before `now`.
    func forgetDeduplication(expiredBy now: Date) async throws

    /// What the receive with ``ReceiveRequest/attempt`` `key` took, unless that was five minutes
    /// or more before `now`.
    func receiveAttempt(_ key: String, now: Date) async throws -> RememberedReceiveAttempt?

    /// The queue's messages that have not expired (sent after `sentAfter`), by state at `now`.
    func counts(queueID: Int64, now: Date, sentAfter: Date) async throws -> MessageCounts
}

/// A message to store, with the key that deduplicates it on a FIFO queue.
public struct OutgoingMessage: Sendable {
    public var message: QueueMessage
    public var deduplication: DeduplicationKey?

    public init(message: QueueMessage, deduplication: DeduplicationKey? = nil) {
        self.message = message
        self.deduplication = deduplication
    }
}

/// What storing a message gave: its id and sequence, or those of the message it duplicates.
public struct SentMessage: Sendable, Equatable {
    public var messageID: String
    public var sequence: Int64
    public var duplicate: Bool

    public init(messageID: String, sequence: Int64, duplicate: Bool = false) {
        self.messageID = messageID
        self.sequence = sequence
        self.duplicate = duplicate
    }
}

/// One receive, decided by the queue service and carried out by the store.
///
/// Messages visible at `now` and sent after `sentAfter` are candidates, in order of sequence.
/// On a FIFO queue a message is a candidate only when every earlier message of its group is
/// visible too: "When you receive a message with a message group ID, no more messages for the
/// same message group ID are returned unless you delete the message or it becomes visible."
/// A candidate already received `deadLetter.maxReceiveCount` times moves to the dead-letter
/// queue instead of being received. Each received message gets the next secret of `receipts`,
/// one more receive, and stays invisible until `visibleUntil`. No more are taken than would put
/// more than `inFlightLimit` of the queue's messages in flight (received, not yet deleted and not
/// visible again).
public struct ReceiveRequest: Sendable {
    public var queueID: Int64
    public var now: Date
    public var limit: Int
    public var fifo: Bool
    public var visibleUntil: Date
    public var sentAfter: Date
    public var receipts: [[UInt8]]
    public var deadLetter: DeadLetterMove?
    public var inFlightLimit: Int
    /// A FIFO receive's `ReceiveRequestAttemptId`, as the key ``MessageStore/receiveAttempt(_:now:)``
    /// finds what this receive took by, when it took anything, until `expiresAt`.
    public var attempt: (key: String, expiresAt: Date)?

    public init(queueID: Int64, now: Date, limit: Int, fifo: Bool, visibleUntil: Date, sentAfter: Date,
                receipts: [[UInt8]], deadLetter: DeadLetterMove? = nil, inFlightLimit: Int = .max,
                attempt: (key: String, expiresAt: Date)? = nil) {
        self.attempt = attempt
        self.queueID = queueID
        self.now = now
        self.limit = limit
        self.fifo = fifo
        self.visibleUntil = visibleUntil
        self.sentAfter = sentAfter
        self.receipts = receipts
        self.deadLetter = deadLetter
        self.inFlightLimit = inFlightLimit
    }

    /// How many messages the receive may take when `inFlight` of the queue's are in flight.
    public func room(inFlight: Int) -> Int { min(limit, max(0, inFlightLimit - inFlight)) }
}

/// What a receive with a `ReceiveRequestAttemptId` took: its messages, and a SHA-256 digest of
/// the receipt secret each got, so a retry can tell they are still under that receive without
/// the store keeping the secrets twice.
public struct RememberedReceiveAttempt: Sendable, Equatable {
    public var sequences: [Int64]
    public var receiptDigests: [[UInt8]]

    public init(sequences: [Int64], receiptDigests: [[UInt8]]) {
        self.sequences = sequences
        self.receiptDigests = receiptDigests
    }
}

/// A receive found the queue's in-flight messages at the limit ``ReceiveRequest/inFlightLimit``.
public struct InFlightLimitReached: Error, Equatable {
    public init() {}
}

/// Where messages received too often go: "The maxReceiveCount is the number of times a consumer
/// can receive a message from a source queue before it is moved to a dead-letter queue."
public struct DeadLetterMove: Sendable, Equatable {
    public var queueID: Int64
    public var maxReceiveCount: Int
    /// Recorded on the moved message as `DeadLetterQueueSourceArn`.
    public var sourceARN: String
    /// Whether the move restarts the message's retention: "For FIFO queues, the enqueue timestamp
    /// resets when the message is moved to a dead-letter queue"; a standard queue's message keeps
    /// "its original enqueue timestamp" (Amazon SQS Developer Guide, dead-letter queue retention).
    public var restartsRetention: Bool

    public init(queueID: Int64, maxReceiveCount: Int, sourceARN: String, restartsRetention: Bool = false) {
        self.queueID = queueID
        self.maxReceiveCount = maxReceiveCount
        self.sourceARN = sourceARN
        self.restartsRetention = restartsRetention
    }
}

/// The `ApproximateNumberOfMessages…` attributes.
public struct MessageCounts: Sendable, Equatable {
    /// Visible: "the approximate number of messages available for retrieval from the queue".
    public var visible: Int
    /// "Messages that are in flight": received and not yet deleted or visible again.
    public var notVisible: Int
    /// "Messages in the queue that are delayed and not available for reading immediately".
    public var delayed: Int

    public init(visible: Int = 0, notVisible: Int = 0, delayed: Int = 0) {
        self.visible = visible
        self.notVisible = notVisible
        self.delayed = delayed
    }
}
