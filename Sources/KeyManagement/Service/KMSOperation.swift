import AWSWire

/// One KMS API operation: a typed input shape in, a typed output shape out.
///
/// Each operation lives in its own file named after it and is listed once in
/// ``KMSOperationRegistry``. Handlers throw ``KMSError``; they never pick HTTP statuses or build
/// responses.
public protocol KMSOperation: Sendable {
    associatedtype Input: AWSShape
    associatedtype Output: Encodable & Sendable & JSONWritable

    /// The operation name as it appears after `TrentService.` in `X-Amz-Target`.
    static var name: String { get }

    static func handle(_ input: Input, context: KMSRequestContext, kms: KeyManagementService) async throws -> Output
}
