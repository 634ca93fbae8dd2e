extension AWSRequestError {
    /// The `Code` the query protocol answers an unreadable request with.
    ///
    /// `SerializationException` and `ValidationException` are AWS JSON names. Query services name
    /// the same failures with the common error codes AWS documents for them: `ValidationError`
    /// ("The input fails to satisfy the constraints specified by an AWS service", 400) and
    /// `InvalidQueryParameter` ("The AWS query string is malformed or does not adhere to AWS
    /// standards", 400).
    public var queryErrorCode: String {
        switch self {
        case .serialization: "InvalidQueryParameter"
        case .validation: "ValidationError"
        }
    }
}
