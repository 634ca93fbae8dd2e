import Foundation
import Identity
import Logging
import Queues
import Testing
@testable import Storage

/// Queues survive reopening the database with every setting, deletions are remembered for the
/// name rule, and queue ids are never handed out twice.
@Suite struct SQLQueueStoreTests {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("arca-queues-\(UUID().uuidString).sqlite").path
    static let created = Date(timeIntervalSince1970: 1_700_000_000)

    func withStore<T>(_ body: (SQLQueueStore) async throws -> T) async throws -> T {
        let database = try await SQLiteDatabase.open(path: path, logger: Logger(label: "test"))
        do {
            let result = try await body(SQLQueueStore(database: database))
            try await database.close()
            return result
        } catch {
            try? await database.close()
            throw error
        }
    }

    static func address(_ name: String) -> QueueAddress {
        QueueAddress(account: AccountID("111122223333")!, region: "us-east-1", name: QueueName(unchecked: name))
    }

    @Test func queuesDeletionsAndIdsSurviveReopening() async throws {
        var fifo = QueueConfiguration(fifo: true)
        try fifo.apply(["ContentBasedDeduplication": "true", "KmsMasterKeyId": "alias/orders", "KmsDataKeyReusePeriodSeconds": "120",
                        "Policy": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:*","Resource":"*"}]}"#],
                       creating: true)
        let (jobs, gone) = try await withStore { store in
            let jobs = Queue(id: try await store.nextQueueID(), address: Self.address("jobs.fifo"), configuration: fifo,
                             tags: ["team": "a"], createdAt: Self.created, lastModifiedAt: Self.created.addingTimeInterval(5))
            let gone = Queue(id: try await store.nextQueueID(), address: Self.address("gone"),
                             configuration: QueueConfiguration(fifo: false), createdAt: Self.created)
            try await store.apply([.put(jobs)])
            try await store.apply([.put(gone)])
            try await store.apply([.delete(gone, at: Self.created.addingTimeInterval(100))])
            return (jobs, gone)
        }
        try await withStore { store in
            let snapshot = try await store.load(deletedSince: Self.created)
            #expect(snapshot.queues == [jobs])
            #expect(snapshot.deletions == [gone.address: Self.created.addingTimeInterval(100)])
            // Deletions older than the window are not loaded.
            #expect(try await store.load(deletedSince: Self.created.addingTimeInterval(101)).deletions.isEmpty)
            #expect(try await store.nextQueueID() == gone.id + 1)
            // A queue created again under the deleted name clears the deletion.
            try await store.apply([.put(Queue(id: gone.id + 1, address: gone.address, configuration: QueueConfiguration(fifo: false),
                                             createdAt: Self.created.addingTimeInterval(200)))])
            #expect(try await store.load(deletedSince: Self.created).deletions.isEmpty)
        }
    }

    @Test func aQueueRecordIsReplacedInPlace() async throws {
        try await withStore { store in
            var queue = Queue(id: try await store.nextQueueID(), address: Self.address("orders"),
                              configuration: QueueConfiguration(fifo: false), createdAt: Self.created)
            try await store.apply([.put(queue)])
            try queue.configuration.apply(["DelaySeconds": "9"], creating: false)
            queue.tags = ["k": "v"]
            try await store.apply([.put(queue)])
            #expect(try await store.load(deletedSince: Self.created).queues == [queue])
        }
    }
}
