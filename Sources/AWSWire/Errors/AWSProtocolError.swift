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

    public static func unknownOperation() -> AWSProtocolError {
        AWSProtocolError(awsErrorType: "UnknownOperationException", httpStatusCode: 400, message: "")
    }

    public static func internalFailure() -> AWSProtocolError {
        AWSProtocolError(awsErrorType: "KMSInternalException", httpStatusCode: 500,
                         message: "The request was rejected because an internal exception occurred. The request can be retried.")
    }
}
