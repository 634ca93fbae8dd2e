import Logging
import Queues
import ServiceLifecycle

/// The background work of SQS: once a minute of real time, and whenever the test clock moves,
/// deletes messages past their retention period and forgets deduplication ids past their five
/// minutes (``QueueService/removeExpired()``). Nothing here changes what a call sees: expired
/// messages are hidden by every read the moment they expire.
struct QueueHousekeepingService: Service {
    let sqs: QueueService
    let logger: Logger
    var interval: Duration = .seconds(60)
    var pacing = ServicePacing.realTime

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await runDue()
                await pacing.wait(interval)
            }
        }
    }

    /// Removes what has expired; a storage failure is logged and retried on the next tick.
    func runDue() async {
        do {
            try await sqs.removeExpired()
        } catch {
            logger.error("queue housekeeping failed; retrying", metadata: ["error": "\(error)"])
        }
    }
}
