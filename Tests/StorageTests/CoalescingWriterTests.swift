import Synchronization
import Testing
@testable import Storage

@Suite struct CoalescingWriterTests {
    /// A write that holds its first round until released, recording every round's requests.
    final class Recorder: Sendable {
        let rounds = Mutex<[[Int]]>([])
        let gate = Mutex<CheckedContinuation<Void, Never>?>(nil)

        func write(_ requests: [Int]) async throws -> [Int] {
            let first = rounds.withLock { rounds in
                rounds.append(requests)
                return rounds.count == 1
            }
            if first { await withCheckedContinuation { continuation in gate.withLock { $0 = continuation } } }
            if requests.count > 1, requests.contains(13) { throw StorageError("13 fails its round") }
            if requests == [13] { throw StorageError("13 fails alone") }
            return requests.map { $0 * 10 }
        }
    }

    @Test func requestsArrivingDuringARoundShareTheNextAndAFailureStaysItsOwn() async throws {
        let recorder = Recorder()
        let writer = CoalescingWriter<Int, Int>(write: { try await recorder.write($0) }, durable: {})
        let first = Task { try await writer.submit(1) }
        while recorder.rounds.withLock({ $0.isEmpty }) { await Task.yield() }
        let later = (2...14).map { value in Task { try await writer.submit(value) } }
        // Every later request queues up behind the held first round.
        while writer.waiting < 13 { await Task.yield() }
        while recorder.gate.withLock({ $0 == nil }) { await Task.yield() }
        recorder.gate.withLock { $0 }!.resume()
        #expect(try await first.value == 10)
        for (offset, task) in later.enumerated() {
            let value = offset + 2
            if value == 13 {
                await #expect(throws: StorageError.self) { try await task.value }
            } else {
                #expect(try await task.value == value * 10)
            }
        }
        // Round one held 1; the thirteen that waited shared round two, which failed for 13's
        // sake and was written again one request at a time.
        let rounds = recorder.rounds.withLock { $0 }
        #expect(rounds.count == 15 && rounds[0] == [1] && rounds[1].sorted() == Array(2...14))
        #expect(Array(rounds.dropFirst(2)) == rounds[1].map { [$0] })
    }

    @Test func aRoundThatCommittedButDidNotBecomeDurableFailsWholeAndIsNeverWrittenAgain() async throws {
        let writes = Mutex(0)
        let writer = CoalescingWriter<Int, Int>(write: { requests in
            writes.withLock { $0 += 1 }
            return requests
        }, durable: { throw StorageError("the sync failed") })
        await #expect(throws: StorageError.self) { try await writer.submit(7) }
        #expect(writes.withLock { $0 } == 1)
    }
}
