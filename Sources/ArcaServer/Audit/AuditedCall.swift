import AWSWire
import AuditTrail
import Foundation
import Identity
import Logging

/// One API call as its audit record needs it, gathered while it is served.
///
/// A call is recorded once its caller is authenticated and its operation known: success, AWS
/// error, authorization failure and throttling alike. Calls that fail authentication name no
/// account whose trail could hold them: they are not recorded, but logged (``AWSEndpoint/log``).
struct AuditedCall {
    let requestID: String
    let sourceIP: String?
    let userAgent: String?
    let notes = AuditNotes()
    private(set) var caller: IdentityDirectory.Credential?
    private(set) var accessKeyID = ""
    private(set) var region = ""
    private(set) var service = ""
    private(set) var operation = ""
    private(set) var errorCode: String?
    private(set) var errorMessage: String?

    init(requestID: String, sourceIP: String?, userAgent: String?) {
        self.requestID = requestID
        self.sourceIP = sourceIP
        self.userAgent = userAgent
    }

    mutating func identify(_ credential: IdentityDirectory.Credential, _ authentication: SigV4Authentication,
                           service: String, operation: String) {
        caller = credential
        accessKeyID = authentication.accessKeyId
        region = authentication.region
        self.service = service
        self.operation = operation
    }

    mutating func failed(_ error: any AWSErrorRenderable) {
        errorCode = error.awsErrorType
        errorMessage = error.message.isEmpty ? nil : error.message
    }

    /// The call's records: one in the caller's trail and, for keys of other accounts it used, one
    /// in each of their trails. None if the call never got as far as an authenticated operation.
    func records(eventID: String, at time: Date) -> [AuditRecord] {
        guard let caller else { return [] }
        let resources = notes.resources
        let record = AuditRecord(
            userIdentity: AuditRecord.UserIdentity(caller.principal, accessKeyID: accessKeyID), eventTime: time,
            eventSource: "\(service).amazonaws.com", eventName: operation, awsRegion: region,
            sourceIPAddress: sourceIP ?? "127.0.0.1", userAgent: userAgent ?? "", errorCode: errorCode,
            errorMessage: errorMessage, requestParameters: notes.requestParameters,
            responseElements: errorCode == nil ? notes.responseElements : nil, requestID: requestID, eventID: eventID,
            readOnly: AuditReadOnly.isReadOnly(operation, service: service), resources: resources,
            recipientAccountID: caller.principal.account.rawValue)
        var records = [record]
        var accounts: Set<String> = [record.recipientAccountID]
        for resource in resources where accounts.insert(resource.accountID).inserted {
            var copy = record
            copy.recipientAccountID = resource.accountID
            records.append(copy)
        }
        return records
    }
}

extension AWSEndpoint {
    /// Queues the call's records in the audit trail.
    func record(_ call: AuditedCall) {
        let records = call.records(eventID: dependencies.uuid(), at: dependencies.now())
        for record in records { trail.record(record) }
    }

    /// Counts the call in the metrics: its outcome, its latency, and a refused use of a key
    /// pending deletion. Returns the latency in seconds.
    @discardableResult
    func observe(_ call: AuditedCall, since started: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        metrics.observe(service: call.service.isEmpty ? "unknown" : call.service,
                        operation: call.operation.isEmpty ? "unknown" : call.operation,
                        outcome: call.errorCode ?? "Success", seconds: seconds)
        if call.errorCode == "KMSInvalidStateException", let message = call.errorMessage,
           message.hasSuffix(" is pending deletion."), let arn = message.split(separator: " ").first,
           let keyID = arn.split(separator: "/").last {
            metrics.observePendingDeletionUse(keyID: String(keyID))
        }
        return seconds
    }

    /// Logs the call: at `debug` every call, with who made it and how it ended; at `notice` a
    /// call refused before its caller was authenticated, which no audit trail holds. Ids, names
    /// and codes only: never a parameter, a message or a secret.
    func log(_ call: AuditedCall, status: Int, seconds: Double) {
        let refused = call.caller == nil
        logger.log(level: refused ? .notice : .debug, refused ? "request refused" : "request", metadata: {
            var metadata: Logger.Metadata = [
                "requestId": .string(call.requestID), "status": .stringConvertible(status),
                "outcome": .string(call.errorCode ?? "Success"),
                "durationMs": .stringConvertible((seconds * 1_000_000).rounded() / 1000),
                "sourceIp": .string(call.sourceIP ?? ""),
            ]
            if !call.service.isEmpty {
                metadata["service"] = .string(call.service)
                metadata["operation"] = .string(call.operation)
                metadata["region"] = .string(call.region)
            }
            if let caller = call.caller {
                metadata["principal"] = .string(caller.principal.arn)
                metadata["accountId"] = .string(caller.principal.account.rawValue)
                metadata["accessKeyId"] = .string(call.accessKeyID)
            }
            return metadata
        }())
    }
}
