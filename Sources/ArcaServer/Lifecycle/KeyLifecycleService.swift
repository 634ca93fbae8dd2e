import Foundation
import Identity
import KeyManagement
import Logging
import ServiceLifecycle

/// The background work of key lifecycles: applies what is due (deletions whose waiting period
/// has ended, automatic rotations) once a second of real time, and at once whenever the test
/// clock moves. What is due is decided by pure functions of the keys and the clock
/// (``KeyLifecycle``); this service only calls them.
struct KeyLifecycleService: Service {
    let kms: KeyManagementService
    let events: KeyEventSinks
    let logger: Logger
    /// One run at a time, events included: whoever asks for a run (the clock route) returns only
    /// after every earlier run has delivered its events.
    let runs = BackgroundRuns()

    func run() async throws {
        await runs.loop { _ in await runDueNow() }
    }

    /// Applies the work due now; a storage failure is logged and retried on the next tick.
    func runDue() async {
        await runs.once { await runDueNow() }
    }

    private func runDueNow() async {
        do {
            let happened = try await kms.runDueLifecycleWork()
            for event in happened {
                logger.info("key lifecycle", metadata: ["event": "\(event.kind)", "keyArn": "\(event.key.arn)"])
            }
            await events.deliver(happened.map { KeyLifecycleEventDocument($0, id: kms.dependencies.uuid()) })
        } catch {
            logger.error("key lifecycle work failed; retrying", metadata: ["error": "\(error)"])
        }
    }
}
