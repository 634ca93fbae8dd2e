import Foundation
import Identity
import Logging
import Testing
import Topics
@testable import Storage

/// Topics survive reopening the database with every attribute, tag and data protection policy;
/// deleted topics are gone; topic ids are never handed out twice.
@Suite struct SQLTopicStoreTests {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("arca-topics-\(UUID().uuidString).sqlite").path
    static let created = Date(timeIntervalSince1970: 1_700_000_000)

    func withStore<T>(_ body: (SQLTopicStore) async throws -> T) async throws -> T {
        let database = try await SQLiteDatabase.open(path: path, logger: Logger(label: "test"))
        do {
            let result = try await body(SQLTopicStore(database: database))
            try await database.close()
            return result
        } catch {
            try? await database.close()
            throw error
        }
    }

    static func address(_ name: String) -> TopicAddress {
        TopicAddress(account: AccountID("111122223333")!, region: "us-east-1", name: TopicName(unchecked: name))
    }

    @Test func topicsAndIdsSurviveReopening() async throws {
        var fifo = TopicConfiguration(fifo: true)
        try fifo.apply(["ContentBasedDeduplication": "true", "KmsMasterKeyId": "alias/orders", "DisplayName": "Orders",
                        "Policy": SNSTopic.defaultPolicy(for: Self.address("orders.fifo"))], creating: true)
        let (orders, gone) = try await withStore { store in
            let orders = SNSTopic(id: try await store.nextTopicID(), address: Self.address("orders.fifo"), configuration: fifo,
                                  tags: ["team": "a"], dataProtectionPolicy: #"{"Name":"p"}"#, createdAt: Self.created)
            let gone = SNSTopic(id: try await store.nextTopicID(), address: Self.address("gone"),
                                configuration: TopicConfiguration(fifo: false), createdAt: Self.created)
            try await store.apply([.put(orders), .put(gone)])
            try await store.apply([.delete(gone)])
            return (orders, gone)
        }
        let (snapshot, next) = try await withStore { store in (try await store.load(), try await store.nextTopicID()) }
        #expect(snapshot.topics == [orders])
        #expect(snapshot.topics.first?.configuration.isFIFO == true)
        #expect(next > gone.id && gone.id > orders.id)
    }

    /// FIFO deduplication ids are kept for their five minutes, across reopening; a later one
    /// sweeps those whose interval has ended, and a deleted topic takes its own along.
    @Test func fifoDeduplicationIdsLastTheirIntervalAcrossReopening() async throws {
        let start = Self.created
        func entry(_ topic: Int64, _ id: String, at time: Date) -> TopicDeduplication {
            TopicDeduplication(topicID: topic, deduplicationID: id, messageID: "m-\(id)", sequenceNumber: id == "a" ? nil : "0001",
                               until: time.addingTimeInterval(TopicDeduplication.interval))
        }
        let kept = try await withStore { store in
            let topic = SNSTopic(id: try await store.nextTopicID(), address: Self.address("t.fifo"),
                                 configuration: TopicConfiguration(fifo: true), createdAt: start)
            let other = SNSTopic(id: try await store.nextTopicID(), address: Self.address("u.fifo"),
                                 configuration: TopicConfiguration(fifo: true), createdAt: start)
            try await store.apply([.put(topic), .put(other)])
            try await store.remember(entry(topic.id, "a", at: start))
            try await store.remember(entry(other.id, "b", at: start.addingTimeInterval(200)))
            // Six minutes on: "a" has ended and goes; "b" stays until its own end.
            let late = entry(topic.id, "c", at: start.addingTimeInterval(360))
            try await store.remember(late)
            try await store.apply([.delete(other)])
            return late
        }
        let snapshot = try await withStore { try await $0.load() }
        #expect(snapshot.deduplications == [kept])
    }
}
