import Logging
import ServiceCalls

/// The request-log stage: at `debug` every call, with who made it and how it ended; at `notice`
/// a call refused before its caller was known, which no audit trail holds; at `error` a failure
/// Arca did not expect, once, with its request id.
///
/// - Important: ids, names and codes only: never a parameter, a message or a secret.
struct RequestLog: CallObserver {
    let logger: Logger

    func observe(_ call: FinishedCall) {
        if let type = call.unexpectedErrorType {
            logger.error("internal error", metadata: ["requestId": .string(call.requestID), "error": .string(type)])
        }
        let refused = call.context == nil
        let level: Logger.Level = refused ? .notice : .debug
        guard logger.logLevel <= level else { return }
        var metadata: Logger.Metadata = [
            "requestId": .string(call.requestID), "status": .stringConvertible(call.httpStatus),
            "outcome": .string(call.outcome),
            "durationMs": .stringConvertible(Self.milliseconds(call.duration)),
            "sourceIp": .string(call.sourceIP ?? ""),
        ]
        if let service = call.service { metadata["service"] = .string(service.rawValue) }
        if let operation = call.operation { metadata["operation"] = .string(operation) }
        if let context = call.context {
            metadata["region"] = .string(context.region)
            metadata["principal"] = .string(context.caller.principal.arn)
            metadata["accountId"] = .string(context.account.rawValue)
            if let accessKeyID = context.accessKeyID { metadata["accessKeyId"] = .string(accessKeyID) }
            if let via = context.viaService { metadata["viaService"] = .string(via.rawValue) }
        }
        logger.log(level: level, refused ? "request refused" : "request", metadata: metadata)
    }

    /// Milliseconds to the microsecond.
    static func milliseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        let microseconds = Double(parts.seconds) * 1_000_000 + Double(parts.attoseconds / 1_000_000_000_000)
        return microseconds / 1000
    }
}
