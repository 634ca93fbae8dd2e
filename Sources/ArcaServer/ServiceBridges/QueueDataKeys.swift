import AWSWire
import Foundation
import KeyManagement
import Queues
import ServiceCalls

/// SQS's way to the KMS for SSE-KMS queues: the in-process client, so every data key SQS asks
/// for is an ordinary KMS call — authorized (key policy, IAM, grants) for the sender or
/// consumer, with `kms:ViaService = sqs.<region>.amazonaws.com` and the encryption context
/// `{"aws:sqs:arn": <queue ARN>}`, throttled, counted and audited as invoked by
/// `sqs.amazonaws.com`.
///
/// KMS errors reach the SQS caller as the errors the reference lists ("AWS KMS Errors"):
/// `KMS.AccessDeniedException`, `KMS.DisabledException`, `KMS.InvalidStateException`,
/// `KMS.NotFoundException`, `KMS.OptInRequired`, `KMS.ThrottlingException`, and
/// `KMS.InvalidKeyUsageException` from the service model.
struct QueueDataKeys: KMSDataKeys {
    let client: ServiceClient<KeyManagementService>
    /// Counts each call by queue, operation and outcome: the cost the reference's formula estimates.
    let metrics: RequestMetrics
    static let sqs = AWSServiceName("sqs")
    static let managedKeyAlias = "alias/aws/sqs"

    func generateDataKey(keyID: String, queueARN: String,
                         context: CallContext) async throws(SQSError) -> (plaintext: [UInt8], ciphertext: [UInt8]) {
        if keyID == Self.managedKeyAlias {
            // "alias/aws/sqs … the AWS managed KMS key for Amazon SQS": created by its first use.
            _ = try await call { try await client.service.awsManagedKey(for: "sqs", in: context.scope) }
        }
        let request = GenerateDataKeyRequest(keyId: keyID, encryptionContext: ["aws:sqs:arn": queueARN], keySpec: .aes256)
        let response = try await call(GenerateDataKey.self, for: queueARN) {
            try await client.call(GenerateDataKey.self, request, as: context.via(Self.sqs))
        }
        guard let plaintext = response.plaintext, let ciphertext = response.ciphertextBlob else {
            throw SQSError(.kmsInvalidState, Self.invalidState)
        }
        return ([UInt8](plaintext), [UInt8](ciphertext))
    }

    func decrypt(ciphertext: [UInt8], queueARN: String, context: CallContext) async throws(SQSError) -> [UInt8] {
        let request = DecryptRequest(ciphertextBlob: Data(ciphertext), encryptionContext: ["aws:sqs:arn": queueARN])
        let response = try await call(Decrypt.self, for: queueARN) {
            try await client.call(Decrypt.self, request, as: context.via(Self.sqs))
        }
        guard let plaintext = response.plaintext else { throw SQSError(.kmsInvalidState, Self.invalidState) }
        return [UInt8](plaintext)
    }

    private func call<Operation: KMSOperation>(_ operation: Operation.Type, for queueARN: String,
                                               _ body: () async throws -> Operation.Output) async throws(SQSError) -> Operation.Output {
        do {
            let output = try await body()
            metrics.observeQueueKMSCall(queue: queueARN, operation: Operation.name, outcome: "Success")
            return output
        } catch let error as any AWSErrorRenderable {
            metrics.observeQueueKMSCall(queue: queueARN, operation: Operation.name, outcome: error.awsErrorType)
            throw Self.sqsError(forKMSErrorType: error.awsErrorType)
        } catch {
            metrics.observeQueueKMSCall(queue: queueARN, operation: Operation.name, outcome: "KMSInternalException")
            throw SQSError(.kmsInvalidState, Self.invalidState)
        }
    }

    private func call<T>(_ body: () async throws -> T) async throws(SQSError) -> T {
        do {
            return try await body()
        } catch let error as any AWSErrorRenderable {
            throw Self.sqsError(forKMSErrorType: error.awsErrorType)
        } catch {
            throw SQSError(.kmsInvalidState, Self.invalidState)
        }
    }

    static let invalidState = "The request was rejected because the state of the specified resource isn't valid for this request."

    /// The SQS error for a KMS error, worded as the reference's "AWS KMS Errors" list words it.
    static func sqsError(forKMSErrorType type: String) -> SQSError {
        switch KMSErrorCode(rawValue: type) {
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
