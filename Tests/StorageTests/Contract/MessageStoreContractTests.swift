import ArcaTestSupport
import Crypto
import Foundation
import Queues
@testable import Storage
import Testing

/// What every ``MessageStore`` promises, run against every engine: what is sent survives a
/// restart, a receive takes only what is visible now (on FIFO queues, only the visible prefix of
/// each group), deduplication lasts five minutes, dead-letter moves, receipts, purges and counts.
@Suite struct MessageStoreContractTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func message(_ id: String, queue: Int64 = 1, group: String? = nil, visibleAt: Date = start,
                        sentAt: Date = start) -> QueueMessage {
        QueueMessage(queueID: queue, messageID: id, sentAt: sentAt, visibleAt: visibleAt, senderID: "AIDASENDER",
                     groupID: group, deduplicationID: group == nil ? nil : id, traceHeader: "Root=1-abc",
                     payload: Array("payload of \(id)".utf8))
    }

    static func receive(_ store: any MessageStore, queue: Int64 = 1, at now: Date = start, limit: Int = 10, fifo: Bool = false,
                        visibility: TimeInterval = 30, deadLetter: DeadLetterMove? = nil,
                        inFlightLimit: Int = .max) async throws -> [QueueMessage] {
        try await store.receive(ReceiveRequest(
            queueID: queue, now: now, limit: limit, fifo: fifo, visibleUntil: now.addingTimeInterval(visibility),
            sentAfter: now.addingTimeInterval(-3_600), receipts: (0..<limit).map { [UInt8](repeating: UInt8($0 + 1), count: 16) },
            deadLetter: deadLetter, inFlightLimit: inFlightLimit))
    }

    @Test(arguments: StoreEngine.allCases)
    func aSentMessageSurvivesARestartWithEveryField(engine: StoreEngine) async throws {
        let database = engine.makeDatabase()
        let sent = try await database.session { stores in
            try await stores.messages.send([OutgoingMessage(message: Self.message("m1", group: "g"))], now: Self.start)
        }
        #expect(sent.count == 1 && !sent[0].duplicate && sent[0].messageID == "m1")
        let received = try await database.session { try await Self.receive($0.messages) }
        var expected = Self.message("m1", group: "g")
        expected.sequence = sent[0].sequence
        expected.receiveCount = 1
        expected.firstReceivedAt = Self.start
        expected.receivedAt = Self.start
        expected.visibleAt = Self.start.addingTimeInterval(30)
        expected.receipt = [UInt8](repeating: 1, count: 16)
        #expect(received == [expected])
        // The receive held across the restart: not received again within its timeout.
        #expect(try await database.session { try await Self.receive($0.messages) }.isEmpty)
        #expect(try await database.session { try await $0.messages.message(queueID: 1, sequence: sent[0].sequence) } == expected)
        #expect(try await database.session { try await $0.messages.message(queueID: 2, sequence: sent[0].sequence) } == nil)
    }

    @Test(arguments: StoreEngine.allCases)
    func sequencesIncreaseAndAReceiveTakesOnlyWhatIsVisible(engine: StoreEngine) async throws {
        try await engine.makeDatabase().session { stores in
            let later = Self.start.addingTimeInterval(10)
            let sent = try await stores.messages.send([
                OutgoingMessage(message: Self.message("a")), OutgoingMessage(message: Self.message("delayed", visibleAt: later)),
                OutgoingMessage(message: Self.message("b")), OutgoingMessage(message: Self.message("other queue", queue: 2)),
                OutgoingMessage(message: Self.message("expired", sentAt: Self.start.addingTimeInterval(-3_600))),
            ], now: Self.start)
            #expect(sent.map(\.sequence) == sent.map(\.sequence).sorted() && Set(sent.map(\.sequence)).count == 5)
            #expect(try await stores.messages.counts(queueID: 1, now: Self.start, sentAfter: Self.start.addingTimeInterval(-3_600))
                == MessageCounts(visible: 2, notVisible: 0, delayed: 1))
            #expect(try await Self.receive(stores.messages, limit: 1).map(\.messageID) == ["a"])
            #expect(try await Self.receive(stores.messages).map(\.messageID) == ["b"])
            #expect(try await stores.messages.counts(queueID: 1, now: Self.start, sentAfter: Self.start.addingTimeInterval(-3_600))
                == MessageCounts(visible: 0, notVisible: 2, delayed: 1))
            #expect(try await Self.receive(stores.messages, at: later).map(\.messageID) == ["delayed"])
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aReceiveTakesNoMoreThanTheInFlightLimitLeavesRoomFor(engine: StoreEngine) async throws {
        try await engine.makeDatabase().session { stores in
            _ = try await stores.messages.send(["a", "b", "c", "d", "e"].map { OutgoingMessage(message: Self.message($0)) }
                + [OutgoingMessage(message: Self.message("delayed", visibleAt: Self.start.addingTimeInterval(600))),
                   OutgoingMessage(message: Self.message("elsewhere", queue: 2))], now: Self.start)
            #expect(try await Self.receive(stores.messages, limit: 2, inFlightLimit: 3).map(\.messageID) == ["a", "b"])
            // Two in flight (the delayed message is not): room for one more of the ten asked for.
            #expect(try await Self.receive(stores.messages, limit: 10, inFlightLimit: 3).map(\.messageID) == ["c"])
            await #expect(throws: InFlightLimitReached()) { try await Self.receive(stores.messages, inFlightLimit: 3) }
            // Another queue's in-flight messages do not count.
            #expect(try await Self.receive(stores.messages, queue: 2, inFlightLimit: 1).map(\.messageID) == ["elsewhere"])
            // Once their visibility timeout ends, they are no longer in flight; nor is a message
            // received with a timeout of zero.
            let afterTimeout = Self.start.addingTimeInterval(30)
            #expect(try await Self.receive(stores.messages, at: afterTimeout, limit: 10, visibility: 0, inFlightLimit: 3)
                .map(\.messageID) == ["d", "e", "a"])
            #expect(try await Self.receive(stores.messages, at: afterTimeout, limit: 10, inFlightLimit: 2)
                .map(\.messageID) == ["a", "b"])
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aFIFOReceiveTakesTheVisiblePrefixOfEachGroup(engine: StoreEngine) async throws {
        try await engine.makeDatabase().session { stores in
            _ = try await stores.messages.send(["a1", "b1", "a2", "a3", "b2"].map {
                OutgoingMessage(message: Self.message($0, group: String($0.prefix(1))))
            }, now: Self.start)
            let first = try await Self.receive(stores.messages, limit: 1, fifo: true)
            #expect(first.map(\.messageID) == ["a1"])
            #expect(try await Self.receive(stores.messages, fifo: true).map(\.messageID) == ["b1", "b2"])
            #expect(try await Self.receive(stores.messages, fifo: true).isEmpty)
            // a1 visible again: a's prefix is visible, b's head is still in flight.
            #expect(try await stores.messages.setVisibility(queueID: 1, sequence: first[0].sequence, receipt: first[0].receipt!,
                                                            visibleAt: Self.start))
            #expect(try await Self.receive(stores.messages, fifo: true).map(\.messageID) == ["a1", "a2", "a3"])
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func deduplicationHoldsFiveMinutesWithinAQueueAndAScope(engine: StoreEngine) async throws {
        try await engine.makeDatabase().session { stores in
            let key = DeduplicationKey(scope: "", id: "d1")
            let first = try await stores.messages.send([OutgoingMessage(message: Self.message("m1"), deduplication: key),
                                                        OutgoingMessage(message: Self.message("m2"), deduplication: key)],
                                                       now: Self.start)
            #expect(first[1] == SentMessage(messageID: "m1", sequence: first[0].sequence, duplicate: true))
            let almost = Self.start.addingTimeInterval(299)
            #expect(try await stores.messages.send([OutgoingMessage(message: Self.message("m3"), deduplication: key)], now: almost)[0].duplicate)
            let otherScope = DeduplicationKey(scope: "g", id: "d1")
            #expect(!(try await stores.messages.send([OutgoingMessage(message: Self.message("m4"), deduplication: otherScope)], now: almost)[0].duplicate))
            #expect(!(try await stores.messages.send([OutgoingMessage(message: Self.message("m5", queue: 2), deduplication: key)], now: almost)[0].duplicate))
            let after = Self.start.addingTimeInterval(300)
            let again = try await stores.messages.send([OutgoingMessage(message: Self.message("m6"), deduplication: key)], now: after)
            #expect(again[0].messageID == "m6" && !again[0].duplicate)
            #expect(try await Self.receive(stores.messages, at: after).map(\.messageID) == ["m1", "m4", "m6"])
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aMessageReceivedTooOftenMovesToTheDeadLetterQueue(engine: StoreEngine) async throws {
        try await engine.makeDatabase().session { stores in
            _ = try await stores.messages.send([OutgoingMessage(message: Self.message("poison")), OutgoingMessage(message: Self.message("fine"))],
                                               now: Self.start)
            let move = DeadLetterMove(queueID: 9, maxReceiveCount: 1, sourceARN: "arn:aws:sqs:us-east-1:111122223333:source")
            #expect(try await Self.receive(stores.messages, limit: 1, visibility: 0, deadLetter: move).map(\.messageID) == ["poison"])
            // Received once already: moved, and the receive goes on to the next message.
            #expect(try await Self.receive(stores.messages, limit: 1, deadLetter: move).map(\.messageID) == ["fine"])
            let moved = try await Self.receive(stores.messages, queue: 9)
            #expect(moved.map(\.messageID) == ["poison"] && moved[0].deadLetterSourceARN == move.sourceARN)
            #expect(moved[0].receiveCount == 2 && moved[0].sentAt == Self.start)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aMoveFromAFIFOQueueRestartsTheMessagesRetention(engine: StoreEngine) async throws {
        try await engine.makeDatabase().session { stores in
            _ = try await stores.messages.send([OutgoingMessage(message: Self.message("m", group: "g"))], now: Self.start)
            let move = DeadLetterMove(queueID: 9, maxReceiveCount: 1, sourceARN: "arn:aws:sqs:us-east-1:111122223333:s.fifo",
                                      restartsRetention: true)
            _ = try await Self.receive(stores.messages, fifo: true, visibility: 0, deadLetter: move)
            let later = Self.start.addingTimeInterval(50)
            #expect(try await Self.receive(stores.messages, at: later, fifo: true, deadLetter: move).isEmpty)
            #expect(try await Self.receive(stores.messages, queue: 9, at: later, fifo: true).map(\.sentAt) == [later])
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func receiptsDecideDeletesAndVisibilityChanges(engine: StoreEngine) async throws {
        try await engine.makeDatabase().session { stores in
            _ = try await stores.messages.send([OutgoingMessage(message: Self.message("m"))], now: Self.start)
            let received = try await Self.receive(stores.messages)[0]
            let wrong = [UInt8](repeating: 9, count: 16)
            #expect(!(try await stores.messages.delete(queueID: 1, sequence: received.sequence, receipt: wrong, inFlightAt: nil)))
            #expect(!(try await stores.messages.setVisibility(queueID: 1, sequence: received.sequence, receipt: wrong, visibleAt: Self.start)))
            // In flight until start+30: a delete asking for in-flight at start+30 finds it expired.
            #expect(!(try await stores.messages.delete(queueID: 1, sequence: received.sequence, receipt: received.receipt!,
                                                      inFlightAt: Self.start.addingTimeInterval(30))))
            #expect(try await stores.messages.delete(queueID: 1, sequence: received.sequence, receipt: received.receipt!,
                                                     inFlightAt: Self.start))
            #expect(try await stores.messages.message(queueID: 1, sequence: received.sequence) == nil)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func purgeDeletesWhatWasSentUpToItsTime(engine: StoreEngine) async throws {
        try await engine.makeDatabase().session { stores in
            _ = try await stores.messages.send([OutgoingMessage(message: Self.message("old")),
                                                OutgoingMessage(message: Self.message("new", sentAt: Self.start.addingTimeInterval(1))),
                                                OutgoingMessage(message: Self.message("elsewhere", queue: 2))], now: Self.start)
            try await stores.messages.purge(queueID: 1, sentBefore: Self.start)
            let later = Self.start.addingTimeInterval(1)
            #expect(try await Self.receive(stores.messages, at: later).map(\.messageID) == ["new"])
            #expect(try await Self.receive(stores.messages, queue: 2).map(\.messageID) == ["elsewhere"])
        }
    }

    /// A receive with an attempt key remembers what it took, with digests of the receipts they got,
    /// for its five minutes and across a restart; a receive that took nothing remembers nothing.
    @Test(arguments: StoreEngine.allCases)
    func aReceiveAttemptIsRememberedForFiveMinutes(engine: StoreEngine) async throws {
        let database = engine.makeDatabase()
        let expires = Self.start.addingTimeInterval(300)
        let received = try await database.session { stores in
            _ = try await stores.messages.send([OutgoingMessage(message: Self.message("a", group: "g")),
                                                OutgoingMessage(message: Self.message("b", group: "g"))], now: Self.start)
            let receipts = (0..<2).map { [UInt8](repeating: UInt8($0 + 7), count: 16) }
            let taken = try await stores.messages.receive(ReceiveRequest(
                queueID: 1, now: Self.start, limit: 2, fifo: true, visibleUntil: Self.start.addingTimeInterval(30),
                sentAfter: Self.start.addingTimeInterval(-3_600), receipts: receipts, attempt: ("key-1", expires)))
            // The group is held now: this one takes nothing and so keeps nothing.
            let none = try await stores.messages.receive(ReceiveRequest(
                queueID: 1, now: Self.start, limit: 2, fifo: true, visibleUntil: Self.start.addingTimeInterval(30),
                sentAfter: Self.start.addingTimeInterval(-3_600), receipts: receipts, attempt: ("key-2", expires)))
            #expect(none.isEmpty)
            return taken
        }
        #expect(received.count == 2)
        let remembered = try await database.session { try await $0.messages.receiveAttempt("key-1", now: Self.start) }
        #expect(remembered == RememberedReceiveAttempt(
            sequences: received.map(\.sequence),
            receiptDigests: received.map { Array(SHA256.hash(data: $0.receipt ?? [])) }))
        #expect(try await database.session { try await $0.messages.receiveAttempt("key-2", now: Self.start) } == nil)
        #expect(try await database.session { try await $0.messages.receiveAttempt("key-1", now: expires) } == nil)
    }
}
