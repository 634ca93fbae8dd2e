import AWSWire

/// A call as it ended: what the stages after the operation (audit, metrics, request log) see.
public struct FinishedCall: Sendable {
    public var requestID: String
    /// The service the call was routed to; nil when it never got that far.
    public var service: AWSServiceName?
    /// The operation, when the service has it; nil for an unknown or missing one.
    public var operation: String?
    public var isReadOnly = false
    /// Who made the call; nil when it was refused before its caller was known.
    public var context: CallContext?
    public var sourceIP: String?
    public var userAgent: String?
    /// How the call failed, as the caller is told; nil for a success.
    public var error: (any AWSErrorRenderable)?
    /// For a failure Arca did not expect: the error's type, for the log (never its description,
    /// which could carry anything).
    public var unexpectedErrorType: String?
    /// What the service's audit records may keep of the call.
    public var auditAllowList = AuditAllowList.nothing
    public var duration: Duration = .zero

    public init(requestID: String, sourceIP: String? = nil, userAgent: String? = nil) {
        self.requestID = requestID
        self.sourceIP = sourceIP
        self.userAgent = userAgent
    }

    /// The call's outcome as metrics and logs name it: the error code, or `Success`.
    public var outcome: String { error?.awsErrorType ?? "Success" }

    /// The HTTP status the call is answered with.
    public var httpStatus: Int { error?.httpStatusCode ?? 200 }
}

/// A stage that must hold a call before it is answered: the audit trail. If it throws, the call
/// fails with the service's internal error, so no answered call lacks its record.
public protocol CallRecorder: Sendable {
    func record(_ call: FinishedCall) async throws
}

/// A stage that watches calls as they end: metrics, the request log.
public protocol CallObserver: Sendable {
    func observe(_ call: FinishedCall)
}
