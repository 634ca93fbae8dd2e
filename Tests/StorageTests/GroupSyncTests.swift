import Synchronization
import Testing
@testable import Storage

@Suite struct GroupSyncTests {
    /// A sync that blocks until released, counting how often it ran.
    final class GatedSync: Sendable {
        let runs = Mutex(0)
        let failNext = Mutex(false)
        let gate = Mutex<[CheckedContinuation<Void, Never>]>([])

        func sync() async throws {
            runs.withLock { $0 += 1 }
            await withCheckedContinuation { continuation in gate.withLock { $0.append(continuation) } }
            if failNext.withLock({ let fail = $0; $0 = false; return fail }) { throw StorageError("sync failed") }
        }

        /// Waits until a sync is running, then lets it finish.
        func releaseOne() async {
            while true {
                if let next = gate.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { next.resume(); return }
                await Task.yield()
            }
        }
    }

    @Test func waitersThatArriveDuringASyncShareTheNextOne() async throws {
        let disk = GatedSync()
        let sync = GroupSync { try await disk.sync() }
        let first = Task { try await sync.waitForSync() }
        // The first sync is running (and blocked); ten more commits arrive meanwhile.
        while disk.runs.withLock({ $0 }) == 0 { await Task.yield() }
        let later = (0..<10).map { _ in Task { try await sync.waitForSync() } }
        while sync.requested < 11 { await Task.yield() }
        await disk.releaseOne()
        try await first.value
        await disk.releaseOne()
        for task in later { try await task.value }
        #expect(disk.runs.withLock { $0 } == 2)
    }

    @Test func aFailedSyncFailsTheCommitsItCoveredAndTheNextSyncIsFresh() async throws {
        let disk = GatedSync()
        disk.failNext.withLock { $0 = true }
        let sync = GroupSync { try await disk.sync() }
        let failing = Task { try await sync.waitForSync() }
        await disk.releaseOne()
        await #expect(throws: StorageError.self) { try await failing.value }
        let next = Task { try await sync.waitForSync() }
        await disk.releaseOne()
        try await next.value
        #expect(disk.runs.withLock { $0 } == 2)
    }
}
