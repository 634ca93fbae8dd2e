import AuditTrail
import Foundation
import Logging
import ServiceLifecycle

/// Keeps the audit trail moving: makes queued records durable every `flushInterval`, seals them
/// into log files every `sealInterval` or once `sealThreshold` records wait, and on shutdown
/// flushes and seals what is left before the database closes.
struct AuditService: Service {
    let trail: AuditTrail
    let logger: Logger
    var flushInterval: Duration = .milliseconds(100)
    var sealInterval: Duration = .seconds(300)
    var sealThreshold = 10_000

    func run() async throws {
        // Records staged but not sealed before a crash are sealed first.
        await seal()
        await cancelWhenGracefulShutdown {
            var sinceSeal: Duration = .zero
            var unsealed = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: flushInterval)
                unsealed += await flush()
                sinceSeal += flushInterval
                if sinceSeal >= sealInterval || unsealed >= sealThreshold {
                    await seal()
                    sinceSeal = .zero
                    unsealed = 0
                }
            }
        }
        _ = await flush()
        await seal()
    }

    private func flush() async -> Int {
        do {
            return try await trail.flush()
        } catch {
            logger.error("audit records could not be written; retrying", metadata: ["error": "\(error)"])
            return 0
        }
    }

    private func seal() async {
        do {
            try await trail.seal()
        } catch {
            logger.error("audit log files could not be written; retrying", metadata: ["error": "\(error)"])
        }
    }
}
