/// An error with a fixed wire name, for failures outside any one service's model (authentication,
/// routing, throttling).
public struct AWSProtocolError: AWSErrorRenderable {
    public var awsErrorType: String
    public var httpStatusCode: Int
    public var message: String

    public init(awsErrorType: String, httpStatusCode: Int, message: String) {
        self.awsErrorType = awsErrorType
        self.httpStatusCode = httpStatusCode
        self.message = message
    }

    /// An operation the service does not have (AWS JSON: an unknown `X-Amz-Target`).
    public static func unknownOperation(_ name: String) -> AWSProtocolError {
        AWSProtocolError(awsErrorType: "UnknownOperationException", httpStatusCode: 400,
                         message: "\(name) is not an operation of this service.")
    }
}
