import AuditTrail
import Foundation
import Logging
import ServiceLifecycle

/// Keeps the audit trail moving: moves journaled records into the store every `ingestInterval`,
/// seals them into log files every `sealInterval` or once `sealThreshold` records wait, writes the
/// signed digest of new log files every `digestInterval`, and on shutdown ingests, seals and
/// digests what is left before the database closes.
struct AuditService: Service {
    let trail: AuditTrail
    let now: @Sendable () -> Date
    let logger: Logger
    var ingestInterval: Duration = .milliseconds(100)
    var sealInterval: Duration = .seconds(300)
    var sealThreshold = 10_000
    var digestInterval: Duration = .seconds(3600)
    var pacing = ServicePacing.realTime

    func run() async throws {
        // Records journaled, stored but not sealed, or sealed but not digested before a crash come first.
        await seal()
        await digest()
        var sinceSeal: Duration = .zero
        var sinceDigest: Duration = .zero
        var unsealed = 0
        // A graceful shutdown cuts the wait short, never the work: SQLite refuses every statement
        // of a cancelled task (NIOThreadPool drops cancelled work), so an ingestion or seal cancelled
        // halfway failed, and logged "could not be written" for records the last round then wrote.
        while !stopping {
            await cancelWhenGracefulShutdown { [pacing, ingestInterval] in await pacing.wait(ingestInterval) }
            if stopping { break }
            unsealed += await ingest()
            sinceSeal += ingestInterval
            sinceDigest += ingestInterval
            if sinceSeal >= sealInterval || unsealed >= sealThreshold {
                await seal()
                sinceSeal = .zero
                unsealed = 0
            }
            if sinceDigest >= digestInterval {
                await digest()
                sinceDigest = .zero
            }
        }
        _ = await ingest()
        await seal()
        await digest()
    }

    private var stopping: Bool { Task.isShuttingDownGracefully || Task.isCancelled }

    private func digest() async {
        do {
            try await trail.digest(at: now())
        } catch {
            logger.error("audit digests could not be written; retrying", metadata: ["error": "\(error)"])
        }
    }

    private func ingest() async -> Int {
        do {
            return try await trail.ingest()
        } catch {
            logger.error("journaled audit records could not be stored; retrying", metadata: ["error": "\(error)"])
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
