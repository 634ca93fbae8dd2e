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
    /// Ticks between two removals of what expired.
    var ticksPerRemoval = 60
    let runs = BackgroundRuns()

    func run() async throws {
        await runs.loop { tick in await runDueNow(removingExpired: tick % ticksPerRemoval == 0) }
    }

    /// Runs what is due, after any run under way.
    func runDue(removingExpired: Bool = true) async {
        await runs.once { await runDueNow(removingExpired: removingExpired) }
    }

    /// A storage failure is logged and retried on the next tick.
    private func runDueNow(removingExpired: Bool) async {
        do {
            try await sqs.runDueMoves()
            if removingExpired { try await sqs.removeExpired() }
        } catch {
            logger.error("queue housekeeping failed; retrying", metadata: ["error": "\(error)"])
        }
    }
}
