import Identity
import ServiceLifecycle

/// The loop of a background service that applies what is due: once per `interval` of real time
/// until graceful shutdown, and whenever someone else asks (the test clock's route), one run at a
/// time, so two runs never apply the same work twice.
struct BackgroundRuns: Sendable {
    var interval: Duration = .seconds(1)
    var pacing = ServicePacing.realTime
    let lock = AsyncSerialLock()

    /// Runs `work` each interval until shutdown; `work` learns which tick it is.
    func loop(_ work: @escaping @Sendable (_ tick: Int) async -> Void) async {
        await cancelWhenGracefulShutdown {
            var tick = 0
            while !Task.isCancelled {
                let current = tick
                await once { await work(current) }
                tick += 1
                await pacing.wait(interval)
            }
        }
    }

    /// Runs `work` once, after any run under way.
    func once(_ work: @Sendable () async -> Void) async {
        _ = try? await lock.run { await work() }
    }
}
