import Crypto
import Foundation
import Queues

/// The queue service over in-memory stores, a manual clock and seeded randomness: what the SQS
/// domain tests run against. A second ``service()`` over the same stores is a restart.
public struct QueueTestHarness: Sendable {
    public let clock: ManualClock
    public let random: SeededRandom
    public let queues = InMemoryQueueStore()
    public let messages = InMemoryMessageStore()
    public let managedKey: SymmetricKey

    public init(clock: ManualClock = ManualClock(), seed: String = "queue-tests") {
        self.clock = clock
        random = SeededRandom(seed: seed)
        managedKey = SymmetricKey(data: random.bytes(32))
    }

    public func service(kms: (any KMSDataKeys)? = nil, inFlightLimit: Int = QueueService.defaultInFlightLimit) async throws -> QueueService {
        let clock = clock
        let random = random
        return try await QueueService(store: queues, messages: messages,
                                      keyring: MessageKeyring(managedKey: managedKey, randomBytes: { random.bytes($0) }, kms: kms),
                                      inFlightLimit: inFlightLimit, now: { clock.now }, randomBytes: { random.bytes($0) })
    }
}
