import AWSWire
import Foundation
import KeyManagement
import ServiceCalls

/// A service's way to the KMS for the data keys of its encrypted resources (SQS queues, SNS
/// topics): the in-process client, so every data key is an ordinary KMS call — authorized (key
/// policy, IAM, grants) for the caller, with `kms:ViaService = <service>.<region>.amazonaws.com`
/// and the encryption context `{<contextKey>: <resource ARN>}`, throttled, counted and audited as
/// invoked by the service.
///
/// A KMS refusal comes back as ``KMSDataKeyFailure`` with the KMS error code, for the service to
/// word as its own error (`KMS.DisabledException` for SQS, `KMSDisabled` for SNS).
struct ServiceDataKeys: Sendable {
    let client: ServiceClient<KeyManagementService>
    let service: AWSServiceName
    /// The encryption context key naming the resource: `aws:sqs:arn`, `aws:sns:topicArn`.
    let contextKey: String
    /// Counts each call by resource, operation and outcome (the KMS error code, or `Success`).
    let observe: @Sendable (_ resourceARN: String, _ operation: String, _ outcome: String) -> Void

    /// "alias/aws/sqs … the AWS managed KMS key for Amazon SQS": the alias of the service's AWS
    /// managed key, which its first use creates.
    var managedKeyAlias: String { "alias/aws/\(service.rawValue)" }

    func generateDataKey(keyID: String, resourceARN: String,
                         context: CallContext) async throws(KMSDataKeyFailure) -> (plaintext: [UInt8], ciphertext: [UInt8]) {
        if keyID == managedKeyAlias {
            _ = try await call { try await client.service.awsManagedKey(for: service.rawValue, in: context.scope) }
        }
        let request = GenerateDataKeyRequest(keyId: keyID, encryptionContext: [contextKey: resourceARN], keySpec: .aes256)
        let response = try await call(GenerateDataKey.self, for: resourceARN) {
            try await client.call(GenerateDataKey.self, request, as: context.via(service))
        }
        guard let plaintext = response.plaintext, let ciphertext = response.ciphertextBlob else {
            throw KMSDataKeyFailure(kmsErrorType: KMSErrorCode.kmsInternal.rawValue)
        }
        return ([UInt8](plaintext), [UInt8](ciphertext))
    }

    func decrypt(ciphertext: [UInt8], resourceARN: String, context: CallContext) async throws(KMSDataKeyFailure) -> [UInt8] {
        let request = DecryptRequest(ciphertextBlob: Data(ciphertext), encryptionContext: [contextKey: resourceARN])
        let response = try await call(Decrypt.self, for: resourceARN) {
            try await client.call(Decrypt.self, request, as: context.via(service))
        }
        guard let plaintext = response.plaintext else { throw KMSDataKeyFailure(kmsErrorType: KMSErrorCode.kmsInternal.rawValue) }
        return [UInt8](plaintext)
    }

    private func call<Operation: KMSOperation>(_ operation: Operation.Type, for resourceARN: String,
                                               _ body: () async throws -> Operation.Output) async throws(KMSDataKeyFailure) -> Operation.Output {
        do {
            let output = try await body()
            observe(resourceARN, Operation.name, "Success")
            return output
        } catch {
            let failure = KMSDataKeyFailure(error)
            observe(resourceARN, Operation.name, failure.kmsErrorType)
            throw failure
        }
    }

    private func call<T>(_ body: () async throws -> T) async throws(KMSDataKeyFailure) -> T {
        do {
            return try await body()
        } catch {
            throw KMSDataKeyFailure(error)
        }
    }
}

/// A KMS call a service made for a data key failed with this KMS error code.
struct KMSDataKeyFailure: Error {
    var kmsErrorType: String

    init(kmsErrorType: String) {
        self.kmsErrorType = kmsErrorType
    }

    init(_ error: any Error) {
        kmsErrorType = (error as? any AWSErrorRenderable)?.awsErrorType ?? KMSErrorCode.kmsInternal.rawValue
    }

    var code: KMSErrorCode? { KMSErrorCode(rawValue: kmsErrorType) }
}
