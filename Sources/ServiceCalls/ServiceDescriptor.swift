import AWSWire

/// Everything the edge needs to know of a service: how requests reach it, how its errors are
/// named, what its audit records may keep, and its operations.
///
/// A service is added by writing its domain, its operations and one descriptor; the router is
/// built from the descriptors and nothing else in the server names a service.
public struct ServiceDescriptor: Sendable {
    /// The service's name: `kms`, its CloudTrail `eventSource` (`kms.amazonaws.com`) and its
    /// metrics label.
    public var name: AWSServiceName
    /// The service SigV4 credential scopes must name.
    public var signingName: String
    /// The protocols it speaks, in order of preference.
    public var protocols: [WireProtocol]
    public var operations: OperationRegistry
    public var errors: ServiceErrors
    public var auditAllowList: AuditAllowList
    /// Admits or refuses a call before it runs (request quotas); nil admits every call.
    public var admission: (any CallAdmission)?
    /// The largest request body the service reads; a larger one answers `413`.
    public var maximumRequestBodySize: Int
    /// The query parameter a request sent to a resource's own URL names that resource with, when
    /// it leaves it out: SQS takes a form POSTed to a queue URL as naming the queue (`QueueUrl`).
    public var resourceURLParameter: String?

    /// A request body no AWS operation of the KMS, STS, IAM or CloudTrail models comes near.
    public static let defaultMaximumRequestBodySize = 1 << 20

    public init(name: AWSServiceName, signingName: String? = nil, protocols: [WireProtocol],
                operations: OperationRegistry, errors: ServiceErrors, auditAllowList: AuditAllowList,
                admission: (any CallAdmission)? = nil, maximumRequestBodySize: Int = defaultMaximumRequestBodySize,
                resourceURLParameter: String? = nil) {
        self.maximumRequestBodySize = maximumRequestBodySize
        self.resourceURLParameter = resourceURLParameter
        self.name = name
        self.signingName = signingName ?? name.rawValue
        self.protocols = protocols
        self.operations = operations
        self.errors = errors
        self.auditAllowList = auditAllowList
        self.admission = admission
    }

    /// The AWS JSON protocol the service speaks, if any.
    public var jsonProtocol: AWSJSONProtocol? {
        for wire in protocols { if case .awsJSON(let json) = wire { return json } }
        return nil
    }

    /// The query protocol the service speaks, if any.
    public var queryProtocol: AWSQueryProtocol? {
        for wire in protocols { if case .query(let query) = wire { return query } }
        return nil
    }
}

/// Decides, before an operation runs, whether a call may go on: request quotas.
public protocol CallAdmission: Sendable {
    /// Throws the service's throttling error when the call is over its quota.
    func admit(_ operation: String, context: CallContext) throws
}
