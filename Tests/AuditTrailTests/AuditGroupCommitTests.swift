import Crypto
import Foundation
import Synchronization
import Testing
@testable import AuditTrail

/// `commit` returns only once its records are durable, and concurrent callers share store appends.
@Suite struct AuditGroupCommitTests {
    struct DiskFull: Error, Equatable {}

    /// A store whose appends wait until the test lets each one finish, successfully or not.
    final class GatedStore: AuditStore {
        let appends = Mutex<[[String]]>([])
        let stored = Mutex<[String]>([])
        private let gates = Mutex<[CheckedContinuation<Bool, Never>]>([])
        let started: AsyncStream<[String]>
        private let startedContinuation: AsyncStream<[String]>.Continuation

        init() {
            let (stream, continuation) = AsyncStream.makeStream(of: [String].self)
            started = stream
            startedContinuation = continuation
        }

        func append(_ records: [AuditRecord]) async throws {
            try Task.checkCancellation()  // as SQLite's thread pool does: cancelled work never runs
            let ids = records.map(\.eventID)
            appends.withLock { $0.append(ids) }
            let fails = await withCheckedContinuation { continuation in
                gates.withLock { $0.append(continuation) }
                startedContinuation.yield(ids)
            }
            if fails { throw DiskFull() }
            stored.withLock { $0 += ids }
        }

        /// Lets the oldest waiting append finish.
        func finishAppend(failing: Bool = false) {
            gates.withLock { $0.removeFirst() }.resume(returning: failing)
        }

        func lookup(_ query: AuditQuery) async throws -> [StoredAuditRecord] { [] }
        func unsealed(limit: Int) async throws -> [StoredAuditRecord] { [] }
        func markSealed(_ sequences: [Int64], files: [AuditLogFileEntry]) async throws {}
        func undigestedFiles() async throws -> [AuditLogFileEntry] { [] }
        func lastDigest(account: String, region: String) async throws -> AuditDigestEntry? { nil }
        func recordDigest(_ digest: AuditDigestEntry, listing files: [String]) async throws {}
    }

    static func trail(_ store: some AuditStore) -> AuditTrail {
        AuditTrail(store: store, files: AuditLogFiles(root: "/nonexistent"), signer: AuditTrailTests.signer)
    }

    /// Waits, without sleeping, until `count` commits queue behind the running write.
    static func waitUntil(_ trail: AuditTrail, queues count: Int) async {
        while trail.commitsWaiting < count { await Task.yield() }
    }

    @Test func commitsQueuedDuringAWriteShareTheNextAppend() async throws {
        let store = GatedStore()
        let trail = Self.trail(store)
        var started = store.started.makeAsyncIterator()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await trail.commit([AuditTrailTests.record(0)]) }
            #expect(await started.next() == ["event-0"])
            for id in 1...20 {
                group.addTask { try await trail.commit([AuditTrailTests.record(id), AuditTrailTests.record(100 + id)]) }
            }
            await Self.waitUntil(trail, queues: 20)
            #expect(store.stored.withLock { $0 }.isEmpty)
            store.finishAppend()
            let second = try #require(await started.next())
            #expect(second.count == 40)
            #expect(store.stored.withLock { $0 } == ["event-0"])  // the queued callers still wait
            store.finishAppend()
            try await group.waitForAll()
        }
        #expect(store.appends.withLock { $0.count } == 2)
        let expected = ["event-0"] + (1...20).flatMap { ["event-\($0)", "event-\(100 + $0)"] }
        #expect(store.stored.withLock { $0 }.sorted() == expected.sorted())
    }

    @Test func aFailedAppendFailsEveryCallerOfItsBatchAndNoOneElse() async throws {
        let store = GatedStore()
        let trail = Self.trail(store)
        var started = store.started.makeAsyncIterator()
        let first = Task { try await trail.commit([AuditTrailTests.record(0)]) }
        _ = await started.next()
        let doomed = (1...5).map { id in Task { try await trail.commit([AuditTrailTests.record(id)]) } }
        await Self.waitUntil(trail, queues: 5)
        store.finishAppend()
        try await first.value
        #expect(await started.next()?.count == 5)
        store.finishAppend(failing: true)
        for task in doomed {
            await #expect(throws: DiskFull.self) { try await task.value }
        }
        // The trail is not stuck: the next caller writes afresh.
        let after = Task { try await trail.commit([AuditTrailTests.record(9)]) }
        #expect(await started.next() == ["event-9"])
        store.finishAppend()
        try await after.value
        #expect(store.stored.withLock { $0 } == ["event-0", "event-9"])
    }

    @Test func aCancelledWriterStillWritesItsWholeBatch() async throws {
        let store = GatedStore()
        let trail = Self.trail(store)
        var started = store.started.makeAsyncIterator()
        let first = Task { try await trail.commit([AuditTrailTests.record(0)]) }
        _ = await started.next()
        let next = Task { try await trail.commit([AuditTrailTests.record(1)]) }
        await Self.waitUntil(trail, queues: 1)
        let others = (2...4).map { id in Task { try await trail.commit([AuditTrailTests.record(id)]) } }
        await Self.waitUntil(trail, queues: 4)
        next.cancel()  // the caller that will write the next batch goes away
        store.finishAppend()
        try await first.value
        #expect(await started.next()?.sorted() == ["event-1", "event-2", "event-3", "event-4"])
        store.finishAppend()
        try await next.value
        for task in others { try await task.value }
        #expect(store.stored.withLock { $0 }.count == 5)
    }

    @Test func manyConcurrentCommitsAreEachDurableExactlyOnce() async throws {
        let store = AuditTrailTests.MemoryStore()
        let counting = CountingStore(inner: store)
        let trail = Self.trail(counting)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in 0..<200 {
                group.addTask { try await trail.commit([AuditTrailTests.record(id)]) }
            }
            try await group.waitForAll()
        }
        #expect(store.rows.withLock { Set($0.map(\.eventID)) } == Set((0..<200).map { "event-\($0)" }))
        #expect(store.rows.withLock { $0.count } == 200)
        #expect(counting.appends.withLock { $0 } >= 1)
    }

    @Test func flushGoesThroughTheSameWriterAndKeepsRecordsWhenItFails() async throws {
        let store = GatedStore()
        let trail = Self.trail(store)
        var started = store.started.makeAsyncIterator()
        trail.record(AuditTrailTests.record(1))
        let flush = Task { try await trail.flush() }
        _ = await started.next()
        store.finishAppend(failing: true)
        await #expect(throws: DiskFull.self) { try await flush.value }
        #expect(trail.pendingCount == 1)
        let retry = Task { try await trail.flush() }
        _ = await started.next()
        store.finishAppend()
        #expect(try await retry.value == 1)
        #expect(store.stored.withLock { $0 } == ["event-1"])
    }

    /// Counts the appends of another store.
    final class CountingStore: AuditStore {
        let inner: any AuditStore
        let appends = Mutex(0)
        init(inner: any AuditStore) { self.inner = inner }

        func append(_ records: [AuditRecord]) async throws {
            appends.withLock { $0 += 1 }
            await Task.yield()  // let other callers queue, as a real write would
            try await inner.append(records)
        }

        func lookup(_ query: AuditQuery) async throws -> [StoredAuditRecord] { try await inner.lookup(query) }
        func unsealed(limit: Int) async throws -> [StoredAuditRecord] { try await inner.unsealed(limit: limit) }
        func markSealed(_ sequences: [Int64], files: [AuditLogFileEntry]) async throws {
            try await inner.markSealed(sequences, files: files)
        }
        func undigestedFiles() async throws -> [AuditLogFileEntry] { try await inner.undigestedFiles() }
        func lastDigest(account: String, region: String) async throws -> AuditDigestEntry? {
            try await inner.lastDigest(account: account, region: region)
        }
        func recordDigest(_ digest: AuditDigestEntry, listing files: [String]) async throws {
            try await inner.recordDigest(digest, listing: files)
        }
    }
}
