import KeyManagement
import Queues
import ServiceCalls

/// SQS's way to the KMS for SSE-KMS queues (``ServiceDataKeys``): data keys asked for as the
/// sender or consumer, with `kms:ViaService = sqs.<region>.amazonaws.com` and the encryption
/// context `{"aws:sqs:arn": <queue ARN>}`.
///
/// KMS errors reach the SQS caller as the errors the reference lists ("AWS KMS Errors"):
/// `KMS.AccessDeniedException`, `KMS.DisabledException`, `KMS.InvalidStateException`,
/// `KMS.NotFoundException`, `KMS.OptInRequired`, `KMS.ThrottlingException`, and
/// `KMS.InvalidKeyUsageException` from the service model.
struct QueueDataKeys: KMSDataKeys {
    let keys: ServiceDataKeys

    init(client: ServiceClient<KeyManagementService>, metrics: RequestMetrics) {
        keys = ServiceDataKeys(client: client, service: AWSServiceName("sqs"), contextKey: "aws:sqs:arn") { queue, operation, outcome in
            metrics.observeQueueKMSCall(queue: queue, operation: operation, outcome: outcome)
        }
    }

    func generateDataKey(keyID: String, queueARN: String,
                         context: CallContext) async throws(SQSError) -> (plaintext: [UInt8], ciphertext: [UInt8]) {
        do {
            return try await keys.generateDataKey(keyID: keyID, resourceARN: queueARN, context: context)
        } catch {
            throw Self.sqsError(for: error)
        }
    }

    func decrypt(ciphertext: [UInt8], queueARN: String, context: CallContext) async throws(SQSError) -> [UInt8] {
        do {
            return try await keys.decrypt(ciphertext: ciphertext, resourceARN: queueARN, context: context)
        } catch {
            throw Self.sqsError(for: error)
        }
    }

    static let invalidState = "The request was rejected because the state of the specified resource isn't valid for this request."

    /// The SQS error for a KMS error, worded as the reference's "AWS KMS Errors" list words it.
    static func sqsError(for failure: KMSDataKeyFailure) -> SQSError {
        switch failure.code {
        case .accessDenied:
            SQSError(.kmsAccessDenied, "The ciphertext references a key that doesn't exist or that you don't have access to.")
        case .disabled:
            SQSError(.kmsDisabled, "The request was rejected because the specified CMK isn't enabled.")
        case .notFound, .invalidArn:
            SQSError(.kmsNotFound, "The request was rejected because the specified entity or resource can't be found.")
        case .throttling, .limitExceeded:
            SQSError(.kmsThrottled, "The request was denied due to request throttling.")
        case .invalidKeyUsage:
            SQSError(.kmsInvalidKeyUsage, "The request was rejected because the specified key usage isn't valid for this request.")
        default:
            SQSError(.kmsInvalidState, invalidState)
        }
    }
}
