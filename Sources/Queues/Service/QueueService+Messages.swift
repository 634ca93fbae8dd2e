import AWSWire
import Crypto
import Foundation
import ServiceCalls

/// One message to send: SendMessage's members, or one entry of SendMessageBatch.
public struct MessageToSend: Sendable {
    public var content: MessageContent
    public var delaySeconds: Int?
    public var systemAttributes: [String: MessageSystemAttributeValue]?
    public var groupID: String?
    public var deduplicationID: String?

    public init(content: MessageContent, delaySeconds: Int? = nil, systemAttributes: [String: MessageSystemAttributeValue]? = nil,
                groupID: String? = nil, deduplicationID: String? = nil) {
        self.content = content
        self.delaySeconds = delaySeconds
        self.systemAttributes = systemAttributes
        self.groupID = groupID
        self.deduplicationID = deduplicationID
    }
}

/// What SQS answers for a message it accepted.
public struct SendReceipt: Sendable, Equatable {
    public var messageID: String
    public var bodyMD5: String
    public var attributesMD5: String?
    public var systemAttributesMD5: String?
    /// FIFO queues only.
    public var sequenceNumber: String?
}

/// ReceiveMessage's choices.
public struct ReceiveOptions: Sendable {
    public var maxNumberOfMessages: Int?
    public var visibilityTimeout: Int?
    public var waitTimeSeconds: Int?
    /// `AttributeNames` and `MessageSystemAttributeNames` together.
    public var systemAttributeNames: [String]
    public var messageAttributeNames: [String]
    /// FIFO queues: a retried receive with the same id answers the same messages.
    public var receiveRequestAttemptID: String?

    public init(maxNumberOfMessages: Int? = nil, visibilityTimeout: Int? = nil, waitTimeSeconds: Int? = nil,
                systemAttributeNames: [String] = [], messageAttributeNames: [String] = [], receiveRequestAttemptID: String? = nil) {
        self.receiveRequestAttemptID = receiveRequestAttemptID
        self.maxNumberOfMessages = maxNumberOfMessages
        self.visibilityTimeout = visibilityTimeout
        self.waitTimeSeconds = waitTimeSeconds
        self.systemAttributeNames = systemAttributeNames
        self.messageAttributeNames = messageAttributeNames
    }
}

extension QueueService {
    // MARK: Sending

    /// SendMessage and SendMessageBatch: the messages that pass their checks are stored in one
    /// transaction, durable before the answer; each entry answers its receipt or its error.
    ///
    /// A failure of the whole request (the queue, authorization, KMS, a FIFO rule of a batch)
    /// throws.
    public func send(url: String, _ entries: [MessageToSend], batch: Bool,
                     context: CallContext) async throws -> [Result<SendReceipt, SQSError>] {
        let queue = try authorizedQueue(url: url, for: "sqs:SendMessage", context: context)
        let configuration = queue.configuration
        if batch, let fifo = configuration.fifo {
            // Recorded from AWS: a batch entry without a group id or a deduplication id fails
            // the whole batch, as InvalidParameterValue.
            for entry in entries {
                if entry.groupID == nil { throw SQSError(.invalidParameterValue, "The request must contain the parameter MessageGroupId.") }
                if entry.deduplicationID == nil, !fifo.contentBasedDeduplication { throw Self.deduplicationRequired }
            }
        }
        let now = now()
        var results = [Result<SendReceipt, SQSError>?](repeating: nil, count: entries.count)
        var prepared: [(index: Int, outgoing: OutgoingMessage, receipt: SendReceipt)] = []
        var dataKey: DataKey?
        for (index, entry) in entries.enumerated() {
            do throws(SQSError) {
                let (message, deduplication, receipt) = try prepare(entry, for: queue, inBatch: batch, context: context, now: now)
                prepared.append((index, OutgoingMessage(message: message, deduplication: deduplication), receipt))
            } catch {
                if !batch { throw error }
                results[index] = .failure(error)
            }
        }
        if !prepared.isEmpty, configuration.isEncrypted {
            // One data key for the request: cached per sender for the reuse period.
            dataKey = try await keyring.dataKey(for: queue, context: context, now: now)
        }
        if let dataKey {
            for item in prepared.indices {
                let message = prepared[item].outgoing.message
                let content = entries[prepared[item].index].content
                do {
                    prepared[item].outgoing.message.payload = try MessagePayload.sealed(
                        content, messageID: message.messageID, dataKey: dataKey, nonce: randomBytes(12))
                } catch {
                    throw SQSError(.internalError, "We encountered an internal error. Please try again.")
                }
            }
        }
        if !prepared.isEmpty {
            let sent = try await messages.send(prepared.map(\.outgoing), now: now)
            arrivals.announce(queueID: queue.id)
            for (item, stored) in zip(prepared, sent) {
                var receipt = item.receipt
                // "Any messages sent with the same message deduplication ID are accepted
                // successfully but aren't delivered": the answer names the first message.
                receipt.messageID = stored.messageID
                if configuration.isFIFO { receipt.sequenceNumber = QueueMessage.sequenceNumber(of: stored.sequence) }
                results[item.index] = .success(receipt)
            }
        }
        return results.map { $0! }
    }

    static let deduplicationRequired = SQSError(
        .invalidParameterValue,
        "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")

    /// Checks one message against the queue and makes its row, payload in the clear (sealed by
    /// the caller on an encrypted queue).
    private func prepare(_ entry: MessageToSend, for queue: Queue, inBatch: Bool, context: CallContext,
                         now: Date) throws(SQSError) -> (QueueMessage, DeduplicationKey?, SendReceipt) {
        let configuration = queue.configuration
        try MessageRules.checkBody(entry.content.body)
        try MessageRules.checkAttributes(entry.content.attributes)
        let traceHeader = try MessageRules.traceHeader(entry.systemAttributes)
        try MessageRules.checkSize(entry.content, maximum: configuration.maximumMessageSize, inBatch: inBatch)
        if let groupID = entry.groupID { try MessageRules.checkToken(groupID, parameter: "MessageGroupId") }
        var delay = configuration.delaySeconds
        var deduplication: DeduplicationKey?
        if let fifo = configuration.fifo {
            guard let groupID = entry.groupID else { throw SQSError.missingParameter("MessageGroupId") }
            // Recorded from AWS: "Value 2 for parameter DelaySeconds is invalid. Reason: The request
            // include parameter that is not valid for this queue type." A zero delay is the
            // queue's delay.
            if let seconds = entry.delaySeconds, seconds != 0 {
                throw SQSError.invalidParameterValue(String(seconds), parameter: "DelaySeconds",
                                                     reason: "The request include parameter that is not valid for this queue type.")
            }
            let id: String
            if let given = entry.deduplicationID {
                try MessageRules.checkToken(given, parameter: "MessageDeduplicationId")
                id = given
            } else if fifo.contentBasedDeduplication {
                // "Amazon SQS uses a SHA-256 hash to generate the MessageDeduplicationId using
                // the body of the message (but not the attributes of the message)."
                id = Hex.lowercase(SHA256.hash(data: Array(entry.content.body.utf8)))
            } else {
                throw Self.deduplicationRequired
            }
            deduplication = DeduplicationKey(scope: fifo.deduplicationScope == .messageGroup ? groupID : "", id: id)
        } else {
            if let given = entry.deduplicationID {
                throw SQSError.invalidParameterValue(given, parameter: "MessageDeduplicationId",
                                                     reason: "The request include parameter that is not valid for this queue type.")
            }
            if let seconds = entry.delaySeconds {
                // "DelaySeconds – … Valid values: 0 to 900. Maximum: 15 minutes."
                guard (0...900).contains(seconds) else {
                    throw SQSError.invalidParameterValue(String(seconds), parameter: "DelaySeconds",
                                                         reason: "DelaySeconds must be >= 0 and <= 900.")
                }
                delay = seconds
            }
        }
        let messageID = uuid()
        let message = QueueMessage(
            queueID: queue.id, messageID: messageID, sentAt: now, visibleAt: now.addingTimeInterval(TimeInterval(delay)),
            senderID: context.caller.principal.userID, groupID: entry.groupID, deduplicationID: deduplication?.id,
            traceHeader: traceHeader, payload: configuration.isEncrypted ? [] : MessagePayload.plain(entry.content))
        let systemMD5 = traceHeader.flatMap {
            MessageDigest.attributesMD5(["AWSTraceHeader": MessageAttributeValue(stringValue: $0, dataType: "String")])
        }
        let receipt = SendReceipt(messageID: messageID, bodyMD5: entry.content.bodyMD5, attributesMD5: entry.content.attributesMD5,
                                  systemAttributesMD5: systemMD5)
        return (message, deduplication, receipt)
    }

    /// A random version-4 UUID in lowercase: message ids.
    func uuid() -> String { RandomUUID.lowercase(randomBytes(16)) }

    // MARK: Receiving

    /// ReceiveMessage: up to `MaxNumberOfMessages` messages, waiting up to `WaitTimeSeconds` (or
    /// the queue's `ReceiveMessageWaitTimeSeconds`) for the first to arrive.
    public func receive(url: String, _ options: ReceiveOptions, context: CallContext) async throws -> [Message] {
        var queue = try authorizedQueue(url: url, for: "sqs:ReceiveMessage", context: context)
        let limit = options.maxNumberOfMessages ?? 1
        // Recorded from AWS, as are the two below.
        guard (1...10).contains(limit) else {
            throw SQSError.invalidParameterValue(String(limit), parameter: "MaxNumberOfMessages", reason: "Must be between 1 and 10, if provided.")
        }
        if let wait = options.waitTimeSeconds, !(0...20).contains(wait) {
            throw SQSError.invalidParameterValue(String(wait), parameter: "WaitTimeSeconds", reason: "Must be >= 0 and <= 20, if provided.")
        }
        if let visibility = options.visibilityTimeout, !(0...43_200).contains(visibility) {
            throw SQSError.invalidParameterValue(String(visibility), parameter: "VisibilityTimeout",
                                                 reason: "Must be >= 0 and <= 43200, if provided.")
        }
        // "This parameter applies only to FIFO (first-in-first-out) queues."
        var attempt: ReceiveAttempt?
        if queue.configuration.isFIFO, let id = options.receiveRequestAttemptID {
            try MessageRules.checkToken(id, parameter: "ReceiveRequestAttemptId")
            attempt = ReceiveAttempt(queueID: queue.id, principal: context.caller.principal.arn, id: id)
            if let repeated = try await repeatedAttempt(attempt!, of: queue, options, context: context) { return repeated }
        }
        let wait = options.waitTimeSeconds ?? queue.configuration.receiveMessageWaitTimeSeconds
        let deadline = now().addingTimeInterval(TimeInterval(wait))
        while true {
            let received: [Message]
            do {
                received = try await receiveOnce(from: queue, limit: limit, options, attempt: attempt, context: context)
            } catch is InFlightLimitReached {
                // "If you reach this quota while using short polling, Amazon SQS returns the
                // OverLimit error message. If you use long polling, Amazon SQS returns no error
                // messages" (standard queues); FIFO queues: "If this limit is reached, Amazon SQS
                // does not return an error".
                if wait == 0, !queue.configuration.isFIFO { throw SQSError.tooManyInFlight }
                received = []
            }
            if !received.isEmpty || arrivals.isClosed { return received }
            let remaining = deadline.timeIntervalSince(now())
            if remaining <= 0 || Task.isCancelled { return [] }
            // Slices of at most a second: a message that becomes visible by time is found
            // within one, and a wait on the test clock ends soon after the clock passes it.
            await arrivals.wait(queueID: queue.id, slice: .milliseconds(Int64(min(remaining, 1) * 1000)))
            guard let current = registry.read({ $0.queues[queue.address] }), current.id == queue.id else { return [] }
            queue = current
        }
    }

    /// The messages an earlier receive with the same attempt id answered, when it was made in the
    /// last five minutes and every one of them is still in flight under that receive's handle:
    /// "If a networking issue occurs after a ReceiveMessage action, and instead of a response you
    /// receive a generic error, it is possible to retry the same action with an identical
    /// ReceiveRequestAttemptId to retrieve the same set of messages, even if their visibility
    /// timeout has not yet expired." Otherwise nil, and the receive goes on as a new one.
    private func repeatedAttempt(_ attempt: ReceiveAttempt, of queue: Queue, _ options: ReceiveOptions,
                                 context: CallContext) async throws -> [Message]? {
        let now = now()
        guard let earlier = try await messages.receiveAttempt(attempt.key, now: now) else { return nil }
        var rows: [QueueMessage] = []
        for (sequence, digest) in zip(earlier.sequences, earlier.receiptDigests) {
            guard let row = try await messages.message(queueID: queue.id, sequence: sequence), let current = row.receipt,
                  ConstantTime.equal(ReceiveAttempt.digest(of: current), digest), row.isInFlight(at: now) else { return nil }
            rows.append(row)
        }
        var answered: [Message] = []
        for row in rows { answered.append(try await deliver(row, of: queue, options, context: context, now: now)) }
        return answered
    }

    private func receiveOnce(from queue: Queue, limit: Int, _ options: ReceiveOptions, attempt: ReceiveAttempt?,
                             context: CallContext) async throws -> [Message] {
        let configuration = queue.configuration
        let now = now()
        let visibility = options.visibilityTimeout ?? configuration.visibilityTimeout
        var deadLetter: DeadLetterMove?
        if let redrive = configuration.redrivePolicy, let address = QueueAddress(arn: redrive.deadLetterTargetARN),
           let target = registry.read({ $0.queues[address] }) {
            deadLetter = DeadLetterMove(queueID: target.id, maxReceiveCount: redrive.maxReceiveCount, sourceARN: queue.arn,
                                        restartsRetention: configuration.isFIFO)
        }
        let rows = try await messages.receive(ReceiveRequest(
            queueID: queue.id, now: now, limit: limit, fifo: configuration.isFIFO,
            visibleUntil: now.addingTimeInterval(TimeInterval(visibility)),
            sentAfter: MessageRetention.cutoff(now: now, retentionPeriod: configuration.messageRetentionPeriod),
            receipts: (0..<limit).map { _ in randomBytes(ReceiptHandle.secretSize) }, deadLetter: deadLetter,
            inFlightLimit: inFlightLimit,
            // "The ReceiveRequestAttemptId is available for 5 minutes after the last ReceiveMessage
            // action." Stored with the receive, so a retry finds it after a restart too.
            attempt: attempt.map { ($0.key, now.addingTimeInterval(ReceiveAttempt.lifetime)) }))
        if let deadLetter { arrivals.announce(queueID: deadLetter.queueID) }
        var answered: [Message] = []
        answered.reserveCapacity(rows.count)
        do {
            for row in rows {
                answered.append(try await deliver(row, of: queue, options, context: context, now: now))
            }
        } catch {
            // Nothing was delivered (the KMS refused the receiver, say): the messages are visible
            // again at once rather than held for a visibility timeout nobody received them for.
            for row in rows {
                _ = try? await messages.setVisibility(queueID: row.queueID, sequence: row.sequence, receipt: row.receipt ?? [],
                                                      visibleAt: now)
            }
            throw error
        }
        return answered
    }

    /// A received row as ReceiveMessage answers it: opened, and with the attributes asked for.
    private func deliver(_ row: QueueMessage, of queue: Queue, _ options: ReceiveOptions, context: CallContext,
                         now: Date) async throws -> Message {
        let content: MessageContent
        do {
            var key: SymmetricKey?
            if let reference = try MessagePayload.dataKeyReference(of: row.payload) {
                key = try await keyring.key(for: reference, reusePeriod: queue.configuration.kmsDataKeyReusePeriodSeconds,
                                            context: context, now: now)
            }
            content = try MessagePayload.open(row.payload, messageID: row.messageID, key: key)
        } catch is UnreadablePayload {
            throw SQSError(.internalError, "We encountered an internal error. Please try again.")
        }
        let attributes = Self.messageAttributes(content.attributes, named: options.messageAttributeNames)
        let system = Self.systemAttributes(of: row, named: options.systemAttributeNames, fifo: queue.configuration.isFIFO)
        let handle = ReceiptHandle(queueID: row.queueID, sequence: row.sequence, secret: row.receipt ?? [])
        return Message(messageId: row.messageID, receiptHandle: handle.encoded, md5OfBody: content.bodyMD5, body: content.body,
                       attributes: system.isEmpty ? nil : system, md5OfMessageAttributes: MessageDigest.attributesMD5(attributes),
                       messageAttributes: attributes.isEmpty ? nil : attributes)
    }

    /// "MessageAttributeNames – The name of the message attribute… When using ReceiveMessage,
    /// you can send a list of attribute names to receive, or you can return all of the
    /// attributes by specifying All or .* in your request. You can also use all message
    /// attributes starting with a prefix, for example bar.*."
    static func messageAttributes(_ attributes: [String: MessageAttributeValue], named names: [String]) -> [String: MessageAttributeValue] {
        guard !names.isEmpty, !attributes.isEmpty else { return [:] }
        if names.contains("All") || names.contains(".*") { return attributes }
        return attributes.filter { name, _ in
            names.contains { wanted in
                wanted.hasSuffix(".*") ? name.hasPrefix(wanted.dropLast(1)) : name == wanted
            }
        }
    }

    /// The message system attributes asked for (`All` for every one), timestamps in epoch
    /// milliseconds.
    static func systemAttributes(of row: QueueMessage, named names: [String], fifo: Bool) -> [String: String] {
        guard !names.isEmpty else { return [:] }
        func milliseconds(_ date: Date) -> String { String(Int64((date.timeIntervalSince1970 * 1000).rounded(.down))) }
        var all: [String: String] = [
            "SenderId": row.senderID,
            "SentTimestamp": milliseconds(row.sentAt),
            "ApproximateReceiveCount": String(row.receiveCount),
        ]
        if let first = row.firstReceivedAt { all["ApproximateFirstReceiveTimestamp"] = milliseconds(first) }
        if let group = row.groupID { all["MessageGroupId"] = group }
        if fifo {
            if let deduplication = row.deduplicationID { all["MessageDeduplicationId"] = deduplication }
            all["SequenceNumber"] = row.sequenceNumber
        }
        if let trace = row.traceHeader { all["AWSTraceHeader"] = trace }
        if let source = row.deadLetterSourceARN { all["DeadLetterQueueSourceArn"] = source }
        if names.contains("All") { return all }
        return all.filter { names.contains($0.key) }
    }

    // MARK: Deleting and changing visibility

    /// The queue of a message call, authorized for `action`.
    public func messageQueue(url: String, for action: String, context: CallContext) throws(SQSError) -> Queue {
        try authorizedQueue(url: url, for: action, context: context)
    }

    /// DeleteMessage. "If you receive a message more than once, each time you receive it, you
    /// get a different receipt handle. You must provide the most recently received receipt
    /// handle when you request to delete the message (otherwise, the request succeeds, but the
    /// message will not be deleted)." On a FIFO queue a handle whose visibility timeout has
    /// ended fails: "The receipt handle has expired." (recorded from AWS).
    public func deleteMessage(in queue: Queue, receiptHandle text: String) async throws {
        let handle = try Self.handle(text, of: queue)
        let fifo = queue.configuration.isFIFO
        let deleted = try await messages.delete(queueID: queue.id, sequence: handle.sequence, receipt: handle.secret,
                                                inFlightAt: fifo ? now() : nil)
        if fifo, !deleted {
            throw SQSError.invalidParameterValue(text, parameter: "ReceiptHandle", reason: "The receipt handle has expired.")
        }
    }

    /// ChangeMessageVisibility: the message becomes visible `timeout` seconds from now.
    ///
    /// "The maximum is 12 hours" counted from the receive: "If you try to extend the visibility
    /// timeout beyond the maximum, your request is rejected." A handle whose timeout has ended,
    /// if no later receive replaced it, still changes the message (recorded from AWS).
    public func changeVisibility(in queue: Queue, receiptHandle text: String, timeout: Int) async throws {
        let handle = try Self.handle(text, of: queue)
        guard (0...43_200).contains(timeout) else {
            throw SQSError.invalidParameterValue(String(timeout), parameter: "VisibilityTimeout", reason: "Must be >= 0 and <= 43200, if provided.")
        }
        let now = now()
        let notAvailable = SQSError.invalidParameterValue(
            text, parameter: "ReceiptHandle", reason: "Message does not exist or is not available for visibility timeout change.")
        guard let message = try await messages.message(queueID: queue.id, sequence: handle.sequence),
              let receipt = message.receipt, ConstantTime.equal(receipt, handle.secret) else { throw notAvailable }
        let visibleAt = now.addingTimeInterval(TimeInterval(timeout))
        if let received = message.receivedAt, visibleAt.timeIntervalSince(received) > 43_200 {
            throw SQSError.invalidParameterValue(String(timeout), parameter: "VisibilityTimeout",
                                                 reason: "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]")
        }
        guard try await messages.setVisibility(queueID: queue.id, sequence: handle.sequence, receipt: handle.secret,
                                               visibleAt: visibleAt) else { throw notAvailable }
        if timeout == 0 { arrivals.announce(queueID: queue.id) }
    }

    static func handle(_ text: String, of queue: Queue) throws(SQSError) -> ReceiptHandle {
        guard let handle = ReceiptHandle(encoded: text), handle.queueID == queue.id else {
            throw SQSError(.receiptHandleIsInvalid, "The input receipt handle \"\(text)\" is not a valid receipt handle.")
        }
        return handle
    }

    // MARK: Purging

    /// PurgeQueue: "Deletes available messages in a queue (including in-flight messages)
    /// specified by the QueueURL parameter. … Messages sent to the queue before you call
    /// PurgeQueue might be received but are deleted within the next minute."
    public func purge(url: String, context: CallContext) async throws {
        let queue = try authorizedQueue(url: url, for: "sqs:PurgeQueue", context: context)
        let now = now()
        let allowed = purges.withLock { purges -> Bool in
            if let last = purges[queue.id], now.timeIntervalSince(last) < 60 { return false }
            purges[queue.id] = now
            return true
        }
        guard allowed else {
            // Recorded from AWS.
            throw SQSError(.purgeQueueInProgress, "Only one PurgeQueue operation on \(queue.address.name.rawValue) is allowed every 60 seconds.")
        }
        try await messages.purge(queueID: queue.id, sentBefore: now)
    }
}

extension QueueService {
    // MARK: Housekeeping

    /// Deletes the messages whose retention period has ended and forgets the deduplication ids
    /// whose five minutes have: what no call can see any more leaves the disk too. Messages are
    /// hidden from every call the moment they expire; this only reclaims their rows.
    public func removeExpired() async throws {
        let now = now()
        let queues = registry.read { Array($0.queues.values) }
        for queue in queues {
            try await messages.purge(queueID: queue.id,
                                     sentBefore: MessageRetention.cutoff(now: now, retentionPeriod: queue.configuration.messageRetentionPeriod))
        }
        try await messages.forgetDeduplication(expiredBy: now)
    }
}

/// A FIFO receive's `ReceiveRequestAttemptId`, by queue and caller.
struct ReceiveAttempt: Hashable, Sendable {
    var queueID: Int64
    var principal: String
    var id: String

    static let lifetime: TimeInterval = 300

    /// The key the message store keeps the attempt under: a digest of queue, caller and id.
    var key: String {
        Hex.lowercase(SHA256.hash(data: Array("\(queueID)\n\(principal)\n\(id)".utf8)))
    }

    /// The digest a remembered attempt keeps of a receipt secret.
    static func digest(of receipt: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: receipt)) }
}

extension QueueMessage {
    static func sequenceNumber(of sequence: Int64) -> String { String(sequenceNumberBase + UInt64(sequence)) }
}

extension QueueConfiguration {
    /// Whether messages are sealed: SSE-SQS or SSE-KMS.
    public var isEncrypted: Bool { sqsManagedSSEEnabled || kmsMasterKeyID != nil }
}

