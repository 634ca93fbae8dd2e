import Foundation
import Identity
import ServiceCalls

/// The audit stage of the pipeline: turns every finished call into its CloudTrail records, durable
/// before the call is answered (Vault's rule: an answered call always has its record).
///
/// A call is recorded once its caller is known and its operation found: success, AWS error,
/// authorization failure and throttling alike. A call refused before that names no account
/// whose trail could hold it; the request log has it instead.
public struct AuditRecorder: CallRecorder {
    public let trail: AuditTrail
    private let now: @Sendable () -> Date
    private let eventID: @Sendable () -> String

    public init(trail: AuditTrail, now: @escaping @Sendable () -> Date, eventID: @escaping @Sendable () -> String) {
        self.trail = trail
        self.now = now
        self.eventID = eventID
    }

    /// Makes the call's records durable before it is answered (written to the trail's journal);
    /// if they cannot be, the call fails.
    public func record(_ call: FinishedCall) async throws {
        let records = Self.records(of: call, eventID: eventID(), at: now())
        guard !records.isEmpty else { return }
        try trail.commit(records)
    }

    /// The call's records: one in the caller's trail and, for resources of other accounts it
    /// used, one in each of their trails. None if it never reached an operation with a caller.
    public static func records(of call: FinishedCall, eventID: String, at time: Date) -> [AuditRecord] {
        guard let context = call.context, let service = call.service, let operation = call.operation else { return [] }
        let notes = context.notes
        let resources = notes.resources
        let allowList = call.auditAllowList
        let requestParameters = notes.request.flatMap { AuditRedaction.view($0.json, schema: $0.schema, allowing: allowList) }
        // Reads and cryptographic operations record no answer (`"responseElements": null`).
        let responseElements = call.error == nil && !call.isReadOnly
            ? notes.response.flatMap { AuditRedaction.view($0.json, schema: $0.schema, allowing: allowList) } : nil
        // A call a service made, on a caller's behalf or as itself, names the service as its source.
        let principal = context.caller.principal
        let source = context.viaService?.principal ?? (principal.kind == .service ? principal.arn : nil)
        let errorMessage = call.error.flatMap { $0.message.isEmpty ? nil : $0.message }
        var record = AuditRecord(
            userIdentity: AuditRecord.UserIdentity(principal, accessKeyID: context.accessKeyID,
                                                   invokedBy: context.viaService?.principal),
            eventTime: time, eventSource: service.principal, eventName: operation, awsRegion: context.region,
            sourceIPAddress: source ?? context.sourceIP ?? "127.0.0.1", userAgent: source ?? context.userAgent ?? "",
            errorCode: call.error?.awsErrorType, errorMessage: errorMessage, requestParameters: requestParameters,
            responseElements: responseElements, requestID: context.requestID, eventID: eventID,
            readOnly: call.isReadOnly, resources: resources, recipientAccountID: context.account.rawValue)
        record.additionalEventData = notes.additionalEventData
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

extension AuditRecord.UserIdentity {
    /// The `userIdentity` of a caller; `invokedBy` names the service that made the call for it.
    public init(_ principal: Principal, accessKeyID: String?, invokedBy: String? = nil) {
        let account = principal.account.rawValue
        switch principal.kind {
        case .root:
            self.init(type: "Root", principalID: account, arn: principal.arn, accountID: account, accessKeyID: accessKeyID,
                      invokedBy: invokedBy)
        case .user:
            self.init(type: "IAMUser", principalID: principal.userID, arn: principal.arn, accountID: account,
                      accessKeyID: accessKeyID, userName: principal.name, invokedBy: invokedBy)
        case .role:
            let roleARN = principal.roleARN ?? principal.arn
            let issuer = AuditRecord.SessionIssuer(
                principalID: String(principal.userID.split(separator: ":").first ?? ""), arn: roleARN, accountID: account,
                userName: String(roleARN.split(separator: "/").last ?? ""))
            self.init(type: "AssumedRole", principalID: principal.userID, arn: principal.arn, accountID: account,
                      accessKeyID: accessKeyID, sessionIssuer: issuer, invokedBy: invokedBy)
        case .service:
            // "AWSService: The request was made by an AWS service account" (CloudTrail userIdentity).
            self.init(type: "AWSService", invokedBy: principal.arn)
        }
    }
}
