import Foundation
import Synchronization

/// Where long polls wait: "Long polling … returns messages as soon as they become available."
///
/// A receive that finds nothing waits here until a message is sent to its queue, its wait
/// slice ends, or Arca shuts down, then looks again. Messages that become visible by time (a
/// delay or a visibility timeout ending) are found when the slice ends.
public final class MessageArrivals: Sendable {
    private struct Waiter {
        var queueID: Int64
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var waiters: [UInt64: Waiter] = [:]
        var nextID: UInt64 = 0
        /// Waits woken before they began waiting (their slice ended first).
        var woken: Set<UInt64> = []
        var closed = false
    }

    private let state = Mutex(State())
    private let shutdownScope: ShutdownScope?

    /// Runs a wait so that the server shutting down ends it: the server passes ServiceLifecycle's
    /// graceful shutdown handler, so a long poll does not hold a stopping server for 20 seconds.
    public typealias ShutdownScope = @Sendable (_ onShutdown: @escaping @Sendable () -> Void,
                                                _ body: () async -> Void) async -> Void

    public init(shutdownScope: ShutdownScope? = nil) {
        self.shutdownScope = shutdownScope
    }

    /// The receives waiting now.
    var waitingCount: Int { state.withLock { $0.waiters.count } }

    /// Whether ``close()`` was called: long polls answer at once from then on.
    public var isClosed: Bool { state.withLock { $0.closed } }

    /// Wakes every receive waiting on `queueID`.
    func announce(queueID: Int64) {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            let ids = state.waiters.filter { $0.value.queueID == queueID }.map(\.key)
            return ids.compactMap { state.waiters.removeValue(forKey: $0)?.continuation }
        }
        for continuation in woken { continuation.resume() }
    }

    /// Ends every wait, now and later: long polls answer with what they have when Arca stops.
    public func close() {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.closed = true
            defer { state.waiters.removeAll() }
            return state.waiters.values.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Waits until a message is announced on `queueID`, `slice` passes, the task is cancelled
    /// or the arrivals close.
    func wait(queueID: Int64, slice: Duration) async {
        guard let shutdownScope else { return await waitInScope(queueID: queueID, slice: slice) }
        await shutdownScope({ self.close() }) { await self.waitInScope(queueID: queueID, slice: slice) }
    }

    private func waitInScope(queueID: Int64, slice: Duration) async {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        let timer = Task {
            guard (try? await Task.sleep(for: slice)) != nil else { return }
            self.wake(id)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let waiting = state.withLock { state -> Bool in
                    guard !state.closed, !Task.isCancelled, state.woken.remove(id) == nil else { return false }
                    state.waiters[id] = Waiter(queueID: queueID, continuation: continuation)
                    return true
                }
                if !waiting { continuation.resume() }
            }
        } onCancel: {
            self.wake(id)
        }
        timer.cancel()
        await timer.value
        state.withLock { _ = $0.woken.remove(id) }
    }

    private func wake(_ id: UInt64) {
        state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiters.removeValue(forKey: id) else {
                state.woken.insert(id)
                return nil
            }
            return waiter.continuation
        }?.resume()
    }
}
