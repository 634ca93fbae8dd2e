import AWSWire

/// How a service names the errors the pipeline raises for it: its internal error, operations of
/// its model that Arca lacks, and the HTTP status of each of its error codes.
public struct ServiceErrors: Sendable {
    /// The service's own HTTP status for an error code (its generated error table); nil for a
    /// code the service does not know.
    public var status: @Sendable (_ code: String) -> Int?
    /// What anything unexpected becomes: `KMSInternalException`, `InternalFailure`,
    /// `ServiceFailure`, … (500, retryable).
    public var internalError: AWSProtocolError
    /// The error of an operation of the model that Arca does not implement.
    public var unsupportedOperation: @Sendable (_ operation: String) -> any AWSErrorRenderable

    public init(status: @escaping @Sendable (String) -> Int?, internalError: AWSProtocolError,
                unsupportedOperation: @escaping @Sendable (String) -> any AWSErrorRenderable) {
        self.status = status
        self.internalError = internalError
        self.unsupportedOperation = unsupportedOperation
    }

    /// A SigV4 failure as this service reports it on `wire`: AWS JSON services name it by its
    /// JSON type (400); query services by their query code, with their own status for it.
    public func authenticationError(_ error: SigV4Error, on wire: WireProtocol) -> AWSProtocolError {
        switch wire {
        case .awsJSON:
            AWSProtocolError(awsErrorType: error.jsonType, httpStatusCode: 400, message: error.message)
        case .query:
            AWSProtocolError(awsErrorType: error.queryCode, httpStatusCode: status(error.queryCode) ?? 400,
                             message: error.message)
        }
    }
}
