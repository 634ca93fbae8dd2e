import AWSWire

/// An error the SNS API answers with: an error code and a client-safe message.
///
/// SNS speaks the query protocol: the code is the XML answer's `Code`, the fault its `Type`.
/// Messages are AWS's, as recorded (`shared/reference/aws-recorded/sns`), most of them
/// "Invalid parameter: <what> Reason: <why>".
///
/// - Important: messages reach the client and the audit trail. They may name topics and
///   attributes; they never carry message bodies or message attribute values.
public struct SNSError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: SNSErrorCode
    public var message: String

    public init(_ code: SNSErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

extension SNSError: AWSErrorRenderable {
    public var awsErrorType: String { code.rawValue }
    public var httpStatusCode: Int { code.httpStatusCode }
}

extension SNSError {
    /// "Topic does not exist" (HTTP 404, recorded from AWS).
    public static let topicNotFound = SNSError(.notFound, "Topic does not exist")

    /// "Invalid parameter: <what>", AWS's answer when it says no more.
    static func invalidParameter(_ what: String) -> SNSError {
        SNSError(.invalidParameter, "Invalid parameter: \(what)")
    }

    /// "Invalid parameter: <what> Reason: <why>".
    static func invalidParameter(_ what: String, reason: String) -> SNSError {
        SNSError(.invalidParameter, "Invalid parameter: \(what) Reason: \(reason)")
    }
}
