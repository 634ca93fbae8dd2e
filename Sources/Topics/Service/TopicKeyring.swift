import Crypto
import Foundation
import ServiceCalls

/// The KMS, as SNS calls it for the data keys of encrypted topics: in-process, as the publisher,
/// through `kms:ViaService = sns.<region>.amazonaws.com` and the encryption context
/// `{"aws:sns:topicArn": <topic ARN>}`. KMS failures come back as SNS's `KMS*` errors.
public protocol TopicKMS: Sendable {
    func generateDataKey(keyID: String, topicARN: String, context: CallContext) async throws(SNSError) -> (plaintext: [UInt8], ciphertext: [UInt8])
    func decrypt(ciphertext: [UInt8], topicARN: String, context: CallContext) async throws(SNSError) -> [UInt8]
}

/// A data key of an encrypted topic: the key, and the key as the KMS encrypted it, which is
/// stored beside what it seals.
public struct TopicDataKey: Sendable {
    public var key: SymmetricKey
    public var encryptedKey: [UInt8]
}

/// The data keys SNS encrypts a topic's messages with, cached as the reference describes:
/// "Amazon SNS reuses a data key for up to 5 minutes", per publishing principal — so a topic
/// costs "R = B / D * (2 * P)" KMS requests: a GenerateDataKey and the Decrypt that verifies it,
/// per reuse period and publisher.
public final class TopicKeyring: Sendable {
    struct Slot: Hashable {
        var topicID: Int64
        var principal: String
        var keyID: String
    }

    private let kms: (any TopicKMS)?
    private let keys = ExpiringCache<Slot, TopicDataKey>()
    /// "Amazon SNS reuses a data key for up to 5 minutes."
    static let reusePeriod: TimeInterval = 300

    public init(kms: (any TopicKMS)?) {
        self.kms = kms
    }

    /// The data key `context`'s caller publishes to `topic` with at `now`; made, and verified with
    /// Decrypt ("SSE calls the Decrypt action to verify the integrity of the data key before using
    /// it"), when the cached one's period has passed.
    func dataKey(for topic: SNSTopic, keyID: String, context: CallContext, now: Date) async throws(SNSError) -> TopicDataKey {
        let slot = Slot(topicID: topic.id, principal: context.caller.principal.arn, keyID: keyID)
        if let cached = keys.value(for: slot, at: now) { return cached }
        guard let kms else { throw SNSError(.kmsNotFound, "The request was rejected because the specified entity or resource can't be found.") }
        let made = try await kms.generateDataKey(keyID: keyID, topicARN: topic.arn, context: context)
        let verified = try await kms.decrypt(ciphertext: made.ciphertext, topicARN: topic.arn, context: context)
        guard verified == made.plaintext else {
            throw SNSError(.kmsInvalidState, "The request was rejected because the state of the specified resource isn't valid for this request.")
        }
        let dataKey = TopicDataKey(key: SymmetricKey(data: made.plaintext), encryptedKey: made.ciphertext)
        keys.insert(dataKey, for: slot, until: now.addingTimeInterval(Self.reusePeriod), now: now)
        return dataKey
    }
}
