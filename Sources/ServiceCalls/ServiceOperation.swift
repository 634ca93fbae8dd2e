import AWSWire

/// One API operation of any service: a typed input shape in, a typed output shape out.
///
/// Each operation lives in its own file named after it and is listed once in its service's
/// registry. Handlers throw their service's errors; they never pick HTTP statuses, build
/// responses, write audit records or count metrics: the pipeline around them does
/// (``ServicePipeline``), the same for a call over HTTP and for one made inside Arca.
public protocol ServiceOperation<Service>: Sendable {
    /// The domain service the operation works on (the KMS, IAM, …).
    associatedtype Service: Sendable
    associatedtype Input: AWSShape
    associatedtype Output: AWSShape

    /// The operation name as `X-Amz-Target` (after the service's prefix) or `Action` carry it.
    static var name: String { get }

    /// Whether CloudTrail marks the call `readOnly`: reads, and cryptographic operations that
    /// change nothing. A read-only call's answer is never recorded (`"responseElements": null`).
    static var isReadOnly: Bool { get }

    static func perform(_ input: Input, context: CallContext, service: Service) async throws -> Output
}

extension ServiceOperation {
    /// By AWS's naming convention (``isConventionallyReadOnly(_:)``); operations outside it
    /// that change nothing (KMS `Encrypt`) say so themselves.
    public static var isReadOnly: Bool { isConventionallyReadOnly(name) }
}

/// AWS's naming convention: `Get…`, `List…`, `Describe…` and `Lookup…` operations read.
public func isConventionallyReadOnly(_ operation: String) -> Bool {
    operation.hasPrefix("Get") || operation.hasPrefix("List") || operation.hasPrefix("Describe")
        || operation.hasPrefix("Lookup")
}
