/// Who an AWS query-protocol error blames: the `Type` element of the error response.
///
/// "`Type`: One of `Sender` or `Receiver`; whomever is at fault from the service perspective."
/// (Smithy, AWS query protocol). Errors the model marks `senderFault` are the caller's.
public enum AWSQueryFault: String, Sendable, CaseIterable {
    case sender = "Sender"
    case receiver = "Receiver"

    /// The fault an HTTP status implies when nothing more is known: 5xx is the service's.
    ///
    /// Smithy resolves an error's status as 400 for a client error and 500 otherwise unless the
    /// model sets another; every query error AWS models keeps 4xx for the sender and 5xx for the
    /// receiver, so the status is a faithful stand-in.
    public init(httpStatusCode: Int) {
        self = httpStatusCode >= 500 ? .receiver : .sender
    }
}
