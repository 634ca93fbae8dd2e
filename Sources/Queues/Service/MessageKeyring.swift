import Crypto
import Foundation
import ServiceCalls
import Synchronization

/// The data keys that seal and open the messages of encrypted queues, cached as the reference
/// describes:
///
/// - "The data key reuse period … the length of time for which Amazon SQS can reuse a data key
///   to encrypt or decrypt messages before calling AWS KMS again";
/// - "Principals don't share data keys (messages sent by unique principals always get unique
///   data keys)";
/// - data keys are "cached separately for encryption and for decryption", so a consumer opens
///   each data key once per reuse period, and another principal opens it for itself.
///
/// SSE-SQS data keys are made and opened with a key SQS owns (derived from the root key); SSE-KMS
/// data keys come from the KMS (``KMSDataKeys``), as the caller.
public final class MessageKeyring: Sendable {
    struct EncryptionSlot: Hashable {
        var queueID: Int64
        var principal: String
        var keyID: String?
    }

    struct DecryptionSlot: Hashable {
        var principal: String
        var reference: DataKeyReference
    }

    private let managedKey: SymmetricKey
    private let randomBytes: @Sendable (Int) -> [UInt8]
    private let kms: (any KMSDataKeys)?
    private let encryption = ExpiringCache<EncryptionSlot, DataKey>()
    private let decryption = ExpiringCache<DecryptionSlot, SymmetricKey>()

    /// "Amazon SQS … reuses a data key for up to 5 minutes" when no other period applies: the
    /// period of SSE-SQS data keys.
    static let managedReusePeriod: TimeInterval = 300

    public init(managedKey: SymmetricKey, randomBytes: @escaping @Sendable (Int) -> [UInt8], kms: (any KMSDataKeys)? = nil) {
        self.managedKey = managedKey
        self.randomBytes = randomBytes
        self.kms = kms
    }

    /// The data key `context`'s caller seals messages to `queue` with at `now`, made when the
    /// cached one's reuse period has passed.
    func dataKey(for queue: Queue, context: CallContext, now: Date) async throws(SQSError) -> DataKey {
        let keyID = queue.configuration.kmsMasterKeyID
        let slot = EncryptionSlot(queueID: queue.id, principal: context.caller.principal.arn, keyID: keyID)
        if let cached = encryption.value(for: slot, at: now) { return cached }
        let dataKey: DataKey
        let period: TimeInterval
        if let keyID {
            guard let kms else { throw SQSError(.kmsNotFound, "The KMS is not reachable from SQS.") }
            let made = try await kms.generateDataKey(keyID: keyID, queueARN: queue.arn, context: context)
            // "For each data key that AWS KMS generates, SSE calls the Decrypt action to verify the
            // integrity of the data key before using it."
            let verified = try await kms.decrypt(ciphertext: made.ciphertext, queueARN: queue.arn, context: context)
            guard verified == made.plaintext else { throw SQSError(.kmsInvalidState, "The data key KMS returned does not verify.") }
            dataKey = DataKey(key: SymmetricKey(data: made.plaintext),
                              reference: DataKeyReference(source: .kms, queueARN: queue.arn, encryptedKey: made.ciphertext))
            period = TimeInterval(queue.configuration.kmsDataKeyReusePeriodSeconds)
        } else {
            let key = randomBytes(32)
            dataKey = DataKey(key: SymmetricKey(data: key),
                              reference: DataKeyReference(source: .sqsManaged, queueARN: queue.arn,
                                                          encryptedKey: try sealManaged(key, queueARN: queue.arn)))
            period = Self.managedReusePeriod
        }
        encryption.insert(dataKey, for: slot, until: now.addingTimeInterval(period), now: now)
        return dataKey
    }

    /// The data key a message sealed under `reference` opens with, for `context`'s caller.
    func key(for reference: DataKeyReference, reusePeriod: Int, context: CallContext, now: Date) async throws(SQSError) -> SymmetricKey {
        let slot = DecryptionSlot(principal: context.caller.principal.arn, reference: reference)
        if let cached = decryption.value(for: slot, at: now) { return cached }
        let key: SymmetricKey
        let period: TimeInterval
        switch reference.source {
        case .sqsManaged:
            key = try openManaged(reference)
            period = Self.managedReusePeriod
        case .kms:
            guard let kms else { throw SQSError(.kmsNotFound, "The KMS is not reachable from SQS.") }
            key = SymmetricKey(data: try await kms.decrypt(ciphertext: reference.encryptedKey, queueARN: reference.queueARN,
                                                           context: context))
            period = TimeInterval(reusePeriod)
        }
        decryption.insert(key, for: slot, until: now.addingTimeInterval(period), now: now)
        return key
    }

    /// SSE-SQS: the data key sealed under SQS's own key, bound to the queue.
    private func sealManaged(_ key: [UInt8], queueARN: String) throws(SQSError) -> [UInt8] {
        do {
            let box = try AES.GCM.seal(key, using: managedKey, nonce: AES.GCM.Nonce(data: randomBytes(12)),
                                       authenticating: Array("sqs-managed-sse:\(queueARN)".utf8))
            return Array(box.combined!)
        } catch {
            throw SQSError(.internalError, "We encountered an internal error. Please try again.")
        }
    }

    private func openManaged(_ reference: DataKeyReference) throws(SQSError) -> SymmetricKey {
        do {
            let box = try AES.GCM.SealedBox(combined: reference.encryptedKey)
            return SymmetricKey(data: try AES.GCM.open(box, using: managedKey,
                                                       authenticating: Array("sqs-managed-sse:\(reference.queueARN)".utf8)))
        } catch {
            throw SQSError(.internalError, "We encountered an internal error. Please try again.")
        }
    }
}

/// The KMS, as SQS calls it for the data keys of SSE-KMS queues: in-process, as the caller,
/// through `kms:ViaService = sqs.<region>.amazonaws.com` and the encryption context
/// `{"aws:sqs:arn": <queue ARN>}`. KMS failures come back as SQS's `KMS.*` errors.
public protocol KMSDataKeys: Sendable {
    func generateDataKey(keyID: String, queueARN: String, context: CallContext) async throws(SQSError) -> (plaintext: [UInt8], ciphertext: [UInt8])
    func decrypt(ciphertext: [UInt8], queueARN: String, context: CallContext) async throws(SQSError) -> [UInt8]
}
