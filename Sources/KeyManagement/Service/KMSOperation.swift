import AWSWire
import ServiceCalls

/// One KMS API operation: a ``ServiceOperation`` on the ``KeyManagementService``.
///
/// Each operation lives in its own file named after it and is listed once in
/// ``KMSOperationRegistry``. Handlers throw ``KMSError``; they never pick HTTP statuses or build
/// responses.
public protocol KMSOperation: ServiceOperation where Service == KeyManagementService {}
