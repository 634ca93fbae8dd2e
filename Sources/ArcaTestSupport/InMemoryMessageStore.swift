import Crypto
import Foundation
import Queues
import Synchronization

/// A ``MessageStore`` that keeps messages in memory, for domain tests. It keeps the promises of
/// the SQL store, which the storage contract suite checks on both: sequences increase and are
/// never reused, deduplication holds five minutes, a FIFO receive takes only the visible prefix
/// of each group, a message received too often moves to its dead-letter queue.
public final class InMemoryMessageStore: MessageStore {
    private struct State {
        /// By sequence: ordered, as the SQL store's rows are.
        var messages: [Int64: QueueMessage] = [:]
        var deduplication: [Int64: [DeduplicationKey: (sent: SentMessage, expiresAt: Date)]] = [:]
        var attempts: [String: (remembered: RememberedReceiveAttempt, expiresAt: Date)] = [:]
        var lastSequence: Int64 = 0

        mutating func nextSequence() -> Int64 {
            lastSequence += 1
            return lastSequence
        }
    }

    private let state = Mutex(State())

    public init() {}

    public func send(_ messages: [OutgoingMessage], now: Date) async throws -> [SentMessage] {
        state.withLock { state in
            messages.map { outgoing in
                var message = outgoing.message
                message.sequence = state.nextSequence()
                if let key = outgoing.deduplication {
                    if let earlier = state.deduplication[message.queueID]?[key], earlier.expiresAt > now {
                        var duplicate = earlier.sent
                        duplicate.duplicate = true
                        return duplicate
                    }
                    state.deduplication[message.queueID, default: [:]][key] =
                        (SentMessage(messageID: message.messageID, sequence: message.sequence),
                         now.addingTimeInterval(DeduplicationKey.interval))
                }
                state.messages[message.sequence] = message
                return SentMessage(messageID: message.messageID, sequence: message.sequence)
            }
        }
    }

    public func receive(_ request: ReceiveRequest) async throws -> [QueueMessage] {
        try state.withLock { state in
            let inFlight = state.messages.values.count {
                $0.queueID == request.queueID && $0.sentAt > request.sentAfter && $0.isInFlight(at: request.now)
            }
            let limit = request.room(inFlight: inFlight)
            guard limit > 0 else { throw InFlightLimitReached() }
            var received: [QueueMessage] = []
            for _ in 0..<4 where received.count < limit {
                let candidates = Self.candidates(request, in: state).prefix(limit - received.count)
                if candidates.isEmpty { break }
                var moved = false
                for var message in candidates {
                    if let deadLetter = request.deadLetter, message.receiveCount >= deadLetter.maxReceiveCount {
                        state.messages[message.sequence] = nil
                        message.sequence = state.nextSequence()
                        message.queueID = deadLetter.queueID
                        message.visibleAt = request.now
                        message.receipt = nil
                        message.deadLetterSourceARN = deadLetter.sourceARN
                        if deadLetter.restartsRetention { message.sentAt = request.now }
                        state.messages[message.sequence] = message
                        moved = true
                        continue
                    }
                    message.receiveCount += 1
                    message.firstReceivedAt = message.firstReceivedAt ?? request.now
                    message.receivedAt = request.now
                    message.visibleAt = request.visibleUntil
                    message.receipt = request.receipts[received.count]
                    state.messages[message.sequence] = message
                    received.append(message)
                }
                if !moved { break }
            }
            if let attempt = request.attempt, !received.isEmpty {
                state.attempts = state.attempts.filter { $0.value.expiresAt > request.now }
                state.attempts[attempt.key] = (RememberedReceiveAttempt(
                    sequences: received.map(\.sequence),
                    receiptDigests: received.map { Array(SHA256.hash(data: $0.receipt ?? [])) }), attempt.expiresAt)
            }
            return received
        }
    }

    public func receiveAttempt(_ key: String, now: Date) async throws -> RememberedReceiveAttempt? {
        state.withLock { state in state.attempts[key].flatMap { $0.expiresAt > now ? $0.remembered : nil } }
    }

    private static func candidates(_ request: ReceiveRequest, in state: State) -> [QueueMessage] {
        let live = state.messages.values.filter { $0.queueID == request.queueID && $0.sentAt > request.sentAfter }
            .sorted { $0.sequence < $1.sequence }
        guard request.fifo else {
            return live.filter { $0.visibleAt <= request.now }
                .sorted { ($0.visibleAt, $0.sequence) < ($1.visibleAt, $1.sequence) }
        }
        var blockedGroups = Set<String?>()
        var candidates: [QueueMessage] = []
        for message in live {
            if message.visibleAt > request.now {
                blockedGroups.insert(message.groupID)
            } else if !blockedGroups.contains(message.groupID) {
                candidates.append(message)
            }
        }
        return candidates
    }

    public func message(queueID: Int64, sequence: Int64) async throws -> QueueMessage? {
        state.withLock { $0.messages[sequence] }.flatMap { $0.queueID == queueID ? $0 : nil }
    }

    public func delete(queueID: Int64, sequence: Int64, receipt: [UInt8], inFlightAt: Date?) async throws -> Bool {
        state.withLock { state in
            guard let message = state.messages[sequence], message.queueID == queueID, message.receipt == receipt,
                  inFlightAt.map({ message.visibleAt > $0 }) ?? true else { return false }
            state.messages[sequence] = nil
            return true
        }
    }

    public func setVisibility(queueID: Int64, sequence: Int64, receipt: [UInt8], visibleAt: Date) async throws -> Bool {
        state.withLock { state in
            guard let message = state.messages[sequence], message.queueID == queueID, message.receipt == receipt else { return false }
            state.messages[sequence]!.visibleAt = visibleAt
            return true
        }
    }

    public func purge(queueID: Int64, sentBefore: Date) async throws {
        state.withLock { state in
            state.messages = state.messages.filter { $0.value.queueID != queueID || $0.value.sentAt > sentBefore }
        }
    }

    public func move(from queueID: Int64, limit: Int, now: Date, sentAfter: Date,
                     destination: @Sendable (QueueMessage) -> Int64?) async throws -> (moved: Int, stranded: Bool) {
        state.withLock { state in
            let candidates = state.messages.values
                .filter { $0.queueID == queueID && $0.visibleAt <= now && $0.sentAt > sentAfter }
                .sorted { $0.sequence < $1.sequence }.prefix(limit)
            var moved = 0
            for var message in candidates {
                guard let target = destination(message) else { return (moved, true) }
                state.messages[message.sequence] = nil
                message.sequence = state.nextSequence()
                message.queueID = target
                message.visibleAt = now
                message.receiveCount = 0
                message.firstReceivedAt = nil
                message.receivedAt = nil
                message.receipt = nil
                message.deadLetterSourceARN = nil
                state.messages[message.sequence] = message
                moved += 1
            }
            return (moved, false)
        }
    }

    public func forgetDeduplication(expiredBy now: Date) async throws {
        state.withLock { state in
            for queue in state.deduplication.keys {
                state.deduplication[queue] = state.deduplication[queue]!.filter { $0.value.expiresAt > now }
            }
        }
    }

    /// Deduplication ids remembered, in every queue.
    public var rememberedDeduplicationIDs: Int {
        state.withLock { $0.deduplication.values.reduce(0) { $0 + $1.count } }
    }

    public func counts(queueID: Int64, now: Date, sentAfter: Date) async throws -> MessageCounts {
        state.withLock { state in
            var counts = MessageCounts()
            for message in state.messages.values where message.queueID == queueID && message.sentAt > sentAfter {
                if message.visibleAt <= now {
                    counts.visible += 1
                } else if message.receiveCount > 0 {
                    counts.notVisible += 1
                } else {
                    counts.delayed += 1
                }
            }
            return counts
        }
    }

    /// Every message stored, in sequence order: what a test inspects the stored form with.
    public var stored: [QueueMessage] {
        state.withLock { $0.messages.values.sorted { $0.sequence < $1.sequence } }
    }
}
