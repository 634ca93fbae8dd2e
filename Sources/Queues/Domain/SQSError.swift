import AWSWire
import ServiceCalls

/// An error the SQS API answers with: an error code and a client-safe message.
///
/// SQS speaks AWS JSON with query-compatible errors: the body's `__type` is the code's raw value
/// and the `x-amzn-query-error` header its ``SQSErrorCode/queryCode``, which SDKs report
/// (`AWS.SimpleQueueService.NonExistentQueue` for `QueueDoesNotExist`).
///
/// - Important: messages reach the client and the audit trail. They may name queues and
///   attributes; they never carry message bodies or message attribute values.
public struct SQSError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: SQSErrorCode
    public var message: String

    public init(_ code: SQSErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.queryCode): \(message)" }
}

extension SQSError: AWSErrorRenderable {
    public var awsErrorType: String { code.rawValue }
    public var httpStatusCode: Int { code.httpStatusCode }
    public var queryErrorCode: String { code.queryCode }
    /// Recorded from AWS: over the query protocol an unknown queue is "The specified queue does not
    /// exist for this wsdl version."
    public var queryMessage: String {
        self == .nonExistentQueue ? "The specified queue does not exist for this wsdl version." : message
    }
}

extension SQSError {
    /// Recorded from AWS for an unknown queue name or URL.
    public static let nonExistentQueue = SQSError(.queueDoesNotExist, "The specified queue does not exist.")

    /// ReceiveMessage with the queue's in-flight messages at the quota, short polling a standard
    /// queue. The wording AWS answers (HTTP 403, `Sender`), as a client recorded it.
    static let tooManyInFlight = SQSError(.overLimit, """
        Too many messages have been received without being deleted.
        Please delete your received messages or let them timeout before receiving more.
        """)

    /// "Unknown Attribute FifoQueue." (recorded from AWS).
    static func unknownAttribute(_ name: String) -> SQSError {
        SQSError(.invalidAttributeName, "Unknown Attribute \(name).")
    }

    /// "Invalid value for the parameter Policy." (measured on AWS), with AWS's reason where one is
    /// known: "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not
    /// supported." (recorded from AWS).
    static func invalidAttributeValue(_ name: String, reason: String? = nil) -> SQSError {
        SQSError(.invalidAttributeValue, "Invalid value for the parameter \(name)." + (reason.map { " Reason: \($0)" } ?? ""))
    }

    /// "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10,
    /// if provided." (recorded from AWS).
    static func invalidParameterValue(_ value: String, parameter: String, reason: String) -> SQSError {
        SQSError(.invalidParameterValue, "Value \(value) for parameter \(parameter) is invalid. Reason: \(reason)")
    }

    /// "The request must contain the parameter MessageGroupId." (recorded from AWS).
    static func missingParameter(_ name: String) -> SQSError {
        SQSError(.missingRequiredParameter, "The request must contain the parameter \(name).")
    }
}

extension SQSError {
    /// SQS names a missing member itself: "The request must contain the parameter MessageBody."
    /// (recorded from AWS) rather than the AWS JSON `ValidationException`. Other failures of the
    /// shape check stand.
    @Sendable public static func unreadable(_ error: AWSRequestError, _ request: WireRequest, _ schema: ShapeSchema) -> any Error {
        guard case .validation = error, case .json(let body) = request, case .structure(let members) = schema.kind,
              case .object(let fields)? = try? JSONParser.parse(body) else { return error }
        for member in members where member.required && (fields[member.name] == nil || fields[member.name] == .null) {
            return SQSError.missingParameter(member.name)
        }
        return error
    }
}
