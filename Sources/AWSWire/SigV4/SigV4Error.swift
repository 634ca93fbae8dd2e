/// A SigV4 verification failure, carrying AWS's error code and wording.
///
/// Equality compares only ``code``: the message is for people, the code for programs.
public struct SigV4Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in the terms AWS's auth layer reports it.
    public enum Code: String, Sendable {
        case missingAuthenticationToken
        case incompleteSignature
        case invalidSignature
        case unrecognizedClient
        case signatureExpired
        case requestExpired
        /// Temporary credentials past their expiration.
        case expiredToken
    }

    public var code: Code
    /// AWS's wording; never contains the secret key or the expected signature.
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    init(_ code: Code, _ message: String) {
        self.init(code: code, message: message)
    }

    /// The `__type` an AWS JSON protocol service returns for this error.
    public var jsonType: String {
        switch code {
        case .missingAuthenticationToken: "MissingAuthenticationTokenException"
        case .incompleteSignature: "IncompleteSignatureException"
        case .invalidSignature, .signatureExpired, .requestExpired: "InvalidSignatureException"
        case .unrecognizedClient: "UnrecognizedClientException"
        case .expiredToken: "ExpiredTokenException"
        }
    }

    /// The `Code` an AWS query protocol service returns for this error.
    public var queryCode: String {
        switch code {
        case .missingAuthenticationToken: "MissingAuthenticationToken"
        case .incompleteSignature: "IncompleteSignature"
        case .invalidSignature, .signatureExpired: "SignatureDoesNotMatch"
        case .unrecognizedClient: "InvalidClientTokenId"
        case .expiredToken: "ExpiredToken"
        case .requestExpired: "RequestExpired"
        }
    }

    public var description: String { "\(jsonType): \(message)" }

    public static func == (lhs: SigV4Error, rhs: SigV4Error) -> Bool {
        lhs.code == rhs.code
    }
}
