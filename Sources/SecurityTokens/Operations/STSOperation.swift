import AWSWire
import Identity
import ServiceCalls

/// One STS operation: a ``ServiceOperation`` on the ``SecurityTokenService``.
public protocol STSOperation: ServiceOperation where Service == SecurityTokenService {}

/// The one table from action to operation: every STS operation Arca implements. Other actions
/// of the model answer `UnsupportedOperation` and are marked as missing in the README.
public enum STSOperationRegistry {
    public static let operations: [any ServiceOperation<SecurityTokenService>.Type] = [
        AssumeRole.self,
        GetCallerIdentity.self,
    ]
}

extension STSError {
    /// A parameter of an operation Arca implements, whose feature Arca does not have yet.
    static func unsupported(_ what: String) -> STSError {
        STSError("UnsupportedOperation", "\(what) is not supported by Arca yet.")
    }
}
