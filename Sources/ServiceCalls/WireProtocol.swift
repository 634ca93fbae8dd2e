/// A wire protocol a service speaks, with what routes a request to it.
public enum WireProtocol: Sendable, Equatable {
    /// AWS JSON 1.0 or 1.1: `POST /` with `X-Amz-Target: <targetPrefix>.<Operation>`.
    case awsJSON(AWSJSONProtocol)
    /// The query protocol: a form with `Action` and `Version`, answered in XML.
    case query(AWSQueryProtocol)
}

public struct AWSJSONProtocol: Sendable, Equatable {
    public enum Version: String, Sendable {
        case v1_0 = "1.0"
        case v1_1 = "1.1"
    }

    public var version: Version
    /// What `X-Amz-Target` carries before the operation name: `TrentService` for KMS.
    public var targetPrefix: String
    /// Errors also name their query-protocol code, for SDKs that once spoke query to the service:
    /// `__type` plus the `x-amzn-query-error: <Code>;Sender` header (SQS).
    public var queryCompatibleErrors: Bool

    public init(version: Version, targetPrefix: String, queryCompatibleErrors: Bool = false) {
        self.version = version
        self.targetPrefix = targetPrefix
        self.queryCompatibleErrors = queryCompatibleErrors
    }

    /// `application/x-amz-json-1.0` or `-1.1`: what requests carry and answers are sent as.
    public var contentType: String { "application/x-amz-json-\(version.rawValue)" }
}

public struct AWSQueryProtocol: Sendable, Equatable {
    /// The API version requests carry as `Version` (`2011-06-15` for STS).
    public var apiVersion: String
    /// The namespace of the XML answers.
    public var xmlNamespace: String

    public init(apiVersion: String, xmlNamespace: String) {
        self.apiVersion = apiVersion
        self.xmlNamespace = xmlNamespace
    }
}
