import AWSWire
import Identity

/// Who is calling STS and from where.
public struct STSRequestContext: Sendable {
    public var caller: IdentityDirectory.Credential
    /// The region of the request's SigV4 credential scope (`aws:RequestedRegion`).
    public var region: String
    public var requestID: String
    public var sourceIP: String?

    public init(caller: IdentityDirectory.Credential, region: String, requestID: String, sourceIP: String? = nil) {
        self.caller = caller
        self.region = region
        self.requestID = requestID
        self.sourceIP = sourceIP
    }
}

/// One STS operation: its input and output shapes from the model and what it does.
public protocol STSOperation: Sendable {
    associatedtype Input: AWSShape
    associatedtype Output: AWSQueryOutput

    /// The operation name as the query protocol's `Action` carries it.
    static var name: String { get }

    static func handle(_ input: Input, context: STSRequestContext, sts: SecurityTokenService) async throws -> Output
}

/// The one table from action to operation: every STS operation Arca implements. Other actions
/// of the model answer `UnsupportedOperation` and are marked as missing in the README.
public enum STSOperationRegistry {
    public static let operations: [any STSOperation.Type] = [
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
