import KeyManagement
import ServiceCalls
import Topics

/// SNS's way to the KMS for topics with `KmsMasterKeyId` (``ServiceDataKeys``): data keys asked
/// for as the publisher, with `kms:ViaService = sns.<region>.amazonaws.com` and the encryption
/// context `{"aws:sns:topicArn": <topic ARN>}`; `alias/aws/sns` creates the AWS managed key.
///
/// KMS errors reach the publisher as the reference's "AWS KMS errors": `KMSAccessDenied`,
/// `KMSDisabled`, `KMSInvalidState`, `KMSNotFound`, `KMSOptInRequired`, `KMSThrottling`.
struct TopicDataKeys: TopicKMS {
    let keys: ServiceDataKeys

    init(client: ServiceClient<KeyManagementService>, metrics: RequestMetrics) {
        keys = ServiceDataKeys(client: client, service: AWSServiceName("sns"), contextKey: "aws:sns:topicArn") { topic, operation, outcome in
            metrics.observeTopicKMSCall(topic: topic, operation: operation, outcome: outcome)
        }
    }

    func generateDataKey(keyID: String, topicARN: String,
                         context: CallContext) async throws(SNSError) -> (plaintext: [UInt8], ciphertext: [UInt8]) {
        do {
            return try await keys.generateDataKey(keyID: keyID, resourceARN: topicARN, context: context)
        } catch {
            throw Self.snsError(for: error)
        }
    }

    func decrypt(ciphertext: [UInt8], topicARN: String, context: CallContext) async throws(SNSError) -> [UInt8] {
        do {
            return try await keys.decrypt(ciphertext: ciphertext, resourceARN: topicARN, context: context)
        } catch {
            throw Self.snsError(for: error)
        }
    }

    /// The SNS error for a KMS error, worded as the reference's "AWS KMS errors" list words it.
    static func snsError(for failure: KMSDataKeyFailure) -> SNSError {
        switch failure.code {
        case .accessDenied:
            SNSError(.kmsAccessDenied, "The ciphertext references a key that doesn't exist or that you don't have access to.")
        case .disabled:
            SNSError(.kmsDisabled, "The request was rejected because the specified KMS isn't enabled.")
        case .notFound, .invalidArn:
            SNSError(.kmsNotFound, "The request was rejected because the specified entity or resource can't be found.")
        case .throttling, .limitExceeded:
            SNSError(.kmsThrottling, "The request was denied due to request throttling.")
        default:
            SNSError(.kmsInvalidState, "The request was rejected because the state of the specified resource isn't valid for this request.")
        }
    }
}
