/// An error a service returns to its caller: the wire error name, the HTTP status and a client-safe message.
///
/// - Important: `message` goes to the client verbatim. It must never carry plaintext, key material,
///   data keys or message bodies.
public protocol AWSErrorRenderable: Error, Sendable {
    /// The error name as it appears on the wire (`__type` in AWS JSON, `Code` in query XML).
    var awsErrorType: String { get }
    var httpStatusCode: Int { get }
    var message: String { get }
    /// The error's `Code` in the query protocol, where it differs from the JSON name
    /// (`AWS.SimpleQueueService.NonExistentQueue` for SQS's `QueueDoesNotExist`).
    var queryErrorCode: String { get }
    /// The error's `Message` in the query protocol, where a service words it otherwise: SQS
    /// answers an unknown queue with "The specified queue does not exist for this wsdl version."
    /// over query (recorded from AWS).
    var queryMessage: String { get }
}

extension AWSErrorRenderable {
    public var queryErrorCode: String { awsErrorType }
    public var queryMessage: String { message }
}
