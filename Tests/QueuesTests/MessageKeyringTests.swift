import ArcaTestSupport
import Crypto
import Foundation
import Identity
@testable import Queues
import ServiceCalls
import Synchronization
import Testing

/// A KMS that counts the data keys it makes and opens, per principal. Data key `n` is 32 bytes
/// of `n`, its ciphertext `[0xC7, n]`; `mismatch` makes Decrypt answer other bytes.
private final class CountingKMS: KMSDataKeys {
    struct State {
        var made = 0
        var generated: [String: Int] = [:]
        var decrypted: [String: Int] = [:]
        var mismatch = false
    }

    let state = Mutex(State())

    func generateDataKey(keyID: String, queueARN: String, context: CallContext) async throws(SQSError) -> (plaintext: [UInt8], ciphertext: [UInt8]) {
        state.withLock { state in
            state.made += 1
            state.generated[context.caller.principal.arn, default: 0] += 1
            let n = UInt8(state.made)
            return (Array(repeating: n, count: 32), [0xC7, n])
        }
    }

    func decrypt(ciphertext: [UInt8], queueARN: String, context: CallContext) async throws(SQSError) -> [UInt8] {
        try state.withLock { state throws(SQSError) in
            state.decrypted[context.caller.principal.arn, default: 0] += 1
            guard ciphertext.count == 2, ciphertext[0] == 0xC7 else { throw SQSError(.kmsInvalidState, "not a data key of this KMS") }
            return Array(repeating: state.mismatch ? ciphertext[1] ^ 0xFF : ciphertext[1], count: 32)
        }
    }

    func generated(by context: CallContext) -> Int { state.withLock { $0.generated[context.caller.principal.arn] ?? 0 } }
    func decrypted(by context: CallContext) -> Int { state.withLock { $0.decrypted[context.caller.principal.arn] ?? 0 } }
    var calls: Int { state.withLock { $0.generated.values.reduce(0, +) + $0.decrypted.values.reduce(0, +) } }
}

/// The data keys of encrypted queues: reused per queue and principal for the reuse period, opened
/// once per principal and period, verified when made, and SSE-SQS keys bound to SQS's own key.
@Suite struct MessageKeyringTests {
    let clock = ManualClock()
    private let kms = CountingKMS()
    let producer = KMSTestHarness.context()
    let alice: CallContext
    let bob: CallContext

    init() throws {
        alice = try KMSTestHarness.user("alice")
        bob = try KMSTestHarness.user("bob")
    }

    static let managedKey = SymmetricKey(data: SeededRandom(seed: "managed").bytes(32))

    func keyring(managedKey: SymmetricKey = Self.managedKey, seed: String = "keyring", kms: (any KMSDataKeys)? = nil) -> MessageKeyring {
        let random = SeededRandom(seed: seed)
        return MessageKeyring(managedKey: managedKey, randomBytes: { random.bytes($0) }, kms: kms ?? self.kms)
    }

    static func queue(id: Int64 = 1, name: String = "orders", kmsKey: String? = "alias/x") -> Queue {
        var configuration = QueueConfiguration(fifo: false)
        configuration.kmsMasterKeyID = kmsKey
        configuration.kmsDataKeyReusePeriodSeconds = 60
        configuration.sqsManagedSSEEnabled = kmsKey == nil
        let address = QueueAddress(account: AccountID("111122223333")!, region: "us-east-1", name: QueueName(unchecked: name))
        return Queue(id: id, address: address, configuration: configuration, createdAt: Date(timeIntervalSince1970: 1_600_000_000))
    }

    static func bytes(_ key: SymmetricKey) -> [UInt8] { key.withUnsafeBytes { Array($0) } }

    // MARK: SSE-KMS data keys

    @Test func aPrincipalReusesItsDataKeyWithinThePeriodAfterOneGenerateAndOneVerification() async throws {
        let keyring = keyring()
        let queue = Self.queue()
        let first = try await keyring.dataKey(for: queue, context: producer, now: clock.now)
        #expect(Self.bytes(first.key) == Array(repeating: 1, count: 32))
        #expect(first.reference == DataKeyReference(source: .kms, queueARN: "arn:aws:sqs:us-east-1:111122223333:orders",
                                                    encryptedKey: [0xC7, 1]))
        clock.advance(by: 59)
        let again = try await keyring.dataKey(for: queue, context: producer, now: clock.now)
        #expect(again.reference == first.reference)
        #expect(Self.bytes(again.key) == Self.bytes(first.key))
        #expect(kms.generated(by: producer) == 1)
        #expect(kms.decrypted(by: producer) == 1)
    }

    @Test func aNewDataKeyIsMadeAfterThePeriod() async throws {
        let keyring = keyring()
        let queue = Self.queue()
        let first = try await keyring.dataKey(for: queue, context: producer, now: clock.now)
        clock.advance(by: 61)
        let second = try await keyring.dataKey(for: queue, context: producer, now: clock.now)
        #expect(second.reference.encryptedKey == [0xC7, 2])
        #expect(second.reference != first.reference)
        #expect(Self.bytes(second.key) != Self.bytes(first.key))
        #expect(kms.generated(by: producer) == 2)
        #expect(kms.decrypted(by: producer) == 2)
        // The new key is reused for its own period.
        clock.advance(by: 59)
        #expect(try await keyring.dataKey(for: queue, context: producer, now: clock.now).reference == second.reference)
        #expect(kms.calls == 4)
    }

    @Test func principalsDoNotShareDataKeys() async throws {
        let keyring = keyring()
        let queue = Self.queue()
        let rootKey = try await keyring.dataKey(for: queue, context: producer, now: clock.now)
        let aliceKey = try await keyring.dataKey(for: queue, context: alice, now: clock.now)
        #expect(aliceKey.reference != rootKey.reference)
        #expect(Self.bytes(aliceKey.key) != Self.bytes(rootKey.key))
        #expect(kms.generated(by: producer) == 1)
        #expect(kms.generated(by: alice) == 1)
        #expect(kms.decrypted(by: alice) == 1)
        // Each keeps its own.
        #expect(try await keyring.dataKey(for: queue, context: producer, now: clock.now).reference == rootKey.reference)
        #expect(try await keyring.dataKey(for: queue, context: alice, now: clock.now).reference == aliceKey.reference)
        #expect(kms.calls == 4)
    }

    @Test func queuesDoNotShareDataKeys() async throws {
        let keyring = keyring()
        let orders = try await keyring.dataKey(for: Self.queue(id: 1, name: "orders"), context: producer, now: clock.now)
        let invoices = try await keyring.dataKey(for: Self.queue(id: 2, name: "invoices"), context: producer, now: clock.now)
        #expect(invoices.reference != orders.reference)
        #expect(invoices.reference.queueARN == "arn:aws:sqs:us-east-1:111122223333:invoices")
        #expect(kms.generated(by: producer) == 2)
    }

    @Test func aConsumerOpensADataKeyOncePerPeriodAndEachPrincipalForItself() async throws {
        let keyring = keyring()
        let made = try await keyring.dataKey(for: Self.queue(), context: producer, now: clock.now)
        let opened = try await keyring.key(for: made.reference, reusePeriod: 60, context: bob, now: clock.now)
        #expect(Self.bytes(opened) == Self.bytes(made.key))
        clock.advance(by: 59)
        _ = try await keyring.key(for: made.reference, reusePeriod: 60, context: bob, now: clock.now)
        #expect(kms.decrypted(by: bob) == 1)
        let forAlice = try await keyring.key(for: made.reference, reusePeriod: 60, context: alice, now: clock.now)
        #expect(Self.bytes(forAlice) == Self.bytes(made.key))
        #expect(kms.decrypted(by: alice) == 1)
        // The producer's verification does not stand in for its decryption cache.
        _ = try await keyring.key(for: made.reference, reusePeriod: 60, context: producer, now: clock.now)
        #expect(kms.decrypted(by: producer) == 2)
        clock.advance(by: 2)
        _ = try await keyring.key(for: made.reference, reusePeriod: 60, context: bob, now: clock.now)
        #expect(kms.decrypted(by: bob) == 2)
        #expect(kms.generated(by: bob) == 0)
    }

    @Test func theDecryptionPeriodIsTheOneGiven() async throws {
        let keyring = keyring()
        let reference = DataKeyReference(source: .kms, queueARN: Self.queue().arn, encryptedKey: [0xC7, 9])
        _ = try await keyring.key(for: reference, reusePeriod: 600, context: bob, now: clock.now)
        clock.advance(by: 599)
        _ = try await keyring.key(for: reference, reusePeriod: 600, context: bob, now: clock.now)
        #expect(kms.decrypted(by: bob) == 1)
        clock.advance(by: 2)
        _ = try await keyring.key(for: reference, reusePeriod: 600, context: bob, now: clock.now)
        #expect(kms.decrypted(by: bob) == 2)
    }

    @Test func aDataKeyThatDoesNotVerifyIsRefusedAndNotCached() async throws {
        let keyring = keyring()
        kms.state.withLock { $0.mismatch = true }
        let error = await #expect(throws: SQSError.self) {
            try await keyring.dataKey(for: Self.queue(), context: self.producer, now: self.clock.now)
        }
        #expect(error?.code == .kmsInvalidState)
        kms.state.withLock { $0.mismatch = false }
        let key = try await keyring.dataKey(for: Self.queue(), context: producer, now: clock.now)
        #expect(key.reference.encryptedKey == [0xC7, 2])
        #expect(kms.generated(by: producer) == 2)
    }

    @Test func anSSEKMSQueueWithoutAKMSIsRefused() async throws {
        let random = SeededRandom()
        let keyring = MessageKeyring(managedKey: Self.managedKey, randomBytes: { random.bytes($0) }, kms: nil)
        let error = await #expect(throws: SQSError.self) {
            try await keyring.dataKey(for: Self.queue(), context: self.producer, now: self.clock.now)
        }
        #expect(error?.code == .kmsNotFound)
        let reference = DataKeyReference(source: .kms, queueARN: Self.queue().arn, encryptedKey: [0xC7, 1])
        let opening = await #expect(throws: SQSError.self) {
            try await keyring.key(for: reference, reusePeriod: 60, context: self.bob, now: self.clock.now)
        }
        #expect(opening?.code == .kmsNotFound)
    }

    // MARK: SSE-SQS data keys

    static let internalError = SQSError(.internalError, "We encountered an internal error. Please try again.")

    @Test func anSSESQSQueueMakesNoKMSCallsAndItsKeyOpensWithTheSameManagedKey() async throws {
        let queue = Self.queue(kmsKey: nil)
        let made = try await keyring().dataKey(for: queue, context: producer, now: clock.now)
        #expect(made.reference.source == .sqsManaged)
        #expect(made.reference.queueARN == queue.arn)
        // The data key is stored sealed, not as itself.
        let stored = made.reference.encryptedKey, key = Self.bytes(made.key)
        try #require(stored.count >= key.count)
        #expect(!(0...(stored.count - key.count)).contains { Array(stored[$0..<($0 + key.count)]) == key })

        let restarted = keyring(seed: "another process")
        let opened = try await restarted.key(for: made.reference, reusePeriod: 60, context: bob, now: clock.now)
        #expect(Self.bytes(opened) == Self.bytes(made.key))
        #expect(kms.calls == 0)
    }

    @Test func anSSESQSKeyDoesNotOpenWithAnotherManagedKey() async throws {
        let made = try await keyring().dataKey(for: Self.queue(kmsKey: nil), context: producer, now: clock.now)
        let other = keyring(managedKey: SymmetricKey(data: SeededRandom(seed: "other managed").bytes(32)))
        await #expect(throws: Self.internalError) {
            try await other.key(for: made.reference, reusePeriod: 60, context: self.bob, now: self.clock.now)
        }
    }

    @Test func anSSESQSKeyIsBoundToItsQueue() async throws {
        var reference = try await keyring().dataKey(for: Self.queue(kmsKey: nil), context: producer, now: clock.now).reference
        reference.queueARN = "arn:aws:sqs:us-east-1:111122223333:other"
        await #expect(throws: Self.internalError) {
            try await keyring().key(for: reference, reusePeriod: 60, context: self.bob, now: self.clock.now)
        }
        var damaged = try await keyring().dataKey(for: Self.queue(kmsKey: nil), context: producer, now: clock.now).reference
        damaged.encryptedKey[damaged.encryptedKey.count / 2] ^= 1
        await #expect(throws: Self.internalError) {
            try await keyring().key(for: damaged, reusePeriod: 60, context: self.bob, now: self.clock.now)
        }
        damaged.encryptedKey = [1, 2, 3]
        await #expect(throws: Self.internalError) {
            try await keyring().key(for: damaged, reusePeriod: 60, context: self.bob, now: self.clock.now)
        }
    }

    @Test func anSSESQSDataKeyIsReusedForFiveMinutes() async throws {
        let keyring = keyring()
        let queue = Self.queue(kmsKey: nil)
        let first = try await keyring.dataKey(for: queue, context: producer, now: clock.now)
        clock.advance(by: 299)
        #expect(try await keyring.dataKey(for: queue, context: producer, now: clock.now).reference == first.reference)
        // Another principal gets its own, even with SSE-SQS.
        #expect(try await keyring.dataKey(for: queue, context: alice, now: clock.now).reference != first.reference)
        clock.advance(by: 2)
        let second = try await keyring.dataKey(for: queue, context: producer, now: clock.now)
        #expect(second.reference != first.reference)
        #expect(Self.bytes(second.key) != Self.bytes(first.key))
    }

    @Test func changingTheQueuesKMSKeyMakesANewDataKey() async throws {
        let keyring = keyring()
        let managed = try await keyring.dataKey(for: Self.queue(kmsKey: nil), context: producer, now: clock.now)
        let withKMS = try await keyring.dataKey(for: Self.queue(kmsKey: "alias/x"), context: producer, now: clock.now)
        let otherKMSKey = try await keyring.dataKey(for: Self.queue(kmsKey: "alias/y"), context: producer, now: clock.now)
        #expect(managed.reference.source == .sqsManaged)
        #expect(withKMS.reference.source == .kms)
        #expect(otherKMSKey.reference != withKMS.reference)
        #expect(kms.generated(by: producer) == 2)
    }
}
