import ArcaTestSupport
import Foundation
import ServiceCalls
import Synchronization
import Testing
@testable import Topics

/// Encrypted topics on Publish: a data key per publisher from the KMS, verified with Decrypt and
/// reused for five minutes; KMS refusals reach the publisher.
@Suite struct TopicKeyringTests {
    /// A KMS that hands out data keys and counts its calls by principal.
    final class CountingKMS: TopicKMS {
        let calls = Mutex<[String]>([])
        let refusal: SNSError?
        let corrupt: Bool

        init(refusal: SNSError? = nil, corrupt: Bool = false) {
            self.refusal = refusal
            self.corrupt = corrupt
        }

        func generateDataKey(keyID: String, topicARN: String,
                             context: CallContext) async throws(SNSError) -> (plaintext: [UInt8], ciphertext: [UInt8]) {
            calls.withLock { $0.append("GenerateDataKey \(context.caller.principal.arn) \(keyID) \(topicARN)") }
            if let refusal { throw refusal }
            let key = [UInt8](repeating: UInt8(calls.withLock { $0.count }), count: 32)
            return (key, [0xCC] + key)
        }

        func decrypt(ciphertext: [UInt8], topicARN: String, context: CallContext) async throws(SNSError) -> [UInt8] {
            calls.withLock { $0.append("Decrypt \(context.caller.principal.arn)") }
            return corrupt ? [UInt8](repeating: 0, count: 32) : Array(ciphertext.dropFirst())
        }
    }

    let harness = TopicTestHarness()
    let root = KMSTestHarness.context()

    @Test func aDataKeyPerPublisherIsVerifiedAndReusedForFiveMinutes() async throws {
        let kms = CountingKMS()
        let sns = try await harness.service(kms: kms)
        let arn = try await sns.createTopic(named: "secret", attributes: ["KmsMasterKeyId": "alias/orders"], tags: [:],
                                            dataProtectionPolicy: nil, context: root).arn
        let alice = try KMSTestHarness.user("alice", policies: [#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sns:Publish","Resource":"*"}]}"#])
        for context in [root, root, alice] {
            _ = try await sns.publish(topicARN: arn, PublishedMessage(message: "m"), context: context)
        }
        #expect(kms.calls.withLock { $0 } == [
            "GenerateDataKey arn:aws:iam::111122223333:root alias/orders \(arn)", "Decrypt arn:aws:iam::111122223333:root",
            "GenerateDataKey arn:aws:iam::111122223333:user/alice alias/orders \(arn)", "Decrypt arn:aws:iam::111122223333:user/alice",
        ])
        harness.clock.advance(by: 299)
        _ = try await sns.publish(topicARN: arn, PublishedMessage(message: "m"), context: root)
        #expect(kms.calls.withLock { $0.count } == 4)
        harness.clock.advance(by: 1)
        _ = try await sns.publish(topicARN: arn, PublishedMessage(message: "m"), context: root)
        #expect(kms.calls.withLock { $0.count } == 6)
        // A topic without a key calls no KMS.
        let plain = try await sns.createTopic(named: "plain", attributes: [:], tags: [:], dataProtectionPolicy: nil, context: root).arn
        _ = try await sns.publish(topicARN: plain, PublishedMessage(message: "m"), context: root)
        #expect(kms.calls.withLock { $0.count } == 6)
    }

    @Test func kmsRefusalsAndUnverifiedKeysFailThePublish() async throws {
        let refusal = SNSError(.kmsDisabled, "The request was rejected because the specified KMS isn't enabled.")
        for (kms, error) in [(CountingKMS(refusal: refusal), refusal),
                             (CountingKMS(corrupt: true), SNSError(.kmsInvalidState,
                                "The request was rejected because the state of the specified resource isn't valid for this request."))] {
            let sns = try await TopicTestHarness().service(kms: kms)
            let arn = try await sns.createTopic(named: "secret", attributes: ["KmsMasterKeyId": "alias/orders"], tags: [:],
                                                dataProtectionPolicy: nil, context: root).arn
            await #expect(throws: error) { try await sns.publish(topicARN: arn, PublishedMessage(message: "m"), context: root) }
        }
    }
}
