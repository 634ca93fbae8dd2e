import Logging
import Queues
import ServiceLifecycle

/// The background work of SQS, once a second of real time and whenever the test clock moves:
/// message move tasks move what their rate allows (``QueueService/runDueMoves()``); and every
/// minute, messages past their retention period and deduplication ids past their five minutes
/// are deleted (``QueueService/removeExpired()``), which changes nothing a call sees: expired
/// messages are hidden by every read the moment they expire.
struct QueueHousekeepingService: Service {
    let sqs: QueueService
    let logger: Logger
    var interval: Duration = .seconds(1)
    /// Ticks between two removals of what expired.
    var ticksPerRemoval = 60
    var pacing = ServicePacing.realTime

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var tick = 0
            while !Task.isCancelled {
                await runDue(removingExpired: tick % ticksPerRemoval == 0)
                tick += 1
                await pacing.wait(interval)
            }
        }
    }

    /// Runs what is due; a storage failure is logged and retried on the next tick.
    func runDue(removingExpired: Bool = true) async {
        do {
            try await sqs.runDueMoves()
            if removingExpired { try await sqs.removeExpired() }
        } catch {
            logger.error("queue housekeeping failed; retrying", metadata: ["error": "\(error)"])
        }
    }
}
