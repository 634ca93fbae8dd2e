/// A request that could not be read: its bytes are not the shape, or break its constraints.
public enum AWSRequestError: Error, Sendable, Equatable {
    /// Malformed JSON or a member of the wrong type (`SerializationException`).
    case serialization(String)
    /// A declared constraint is broken (`ValidationException`).
    case validation(String)
}

extension AWSRequestError: AWSErrorRenderable {
    public var awsErrorType: String {
        switch self {
        case .serialization: "SerializationException"
        case .validation: "ValidationException"
        }
    }

    public var httpStatusCode: Int { 400 }

    public var message: String {
        switch self {
        case .serialization(let message), .validation(let message): message
        }
    }
}
