import Crypto
import Foundation
import Identity

/// The KMS: in-memory state over a durable store, plus the preconditions operations share.
public final class KeyManagementService: Sendable {
    public let dependencies: KMSDependencies
    let ring: KeyRing
    let clockText = CurrentTimeText()
    /// The accounts and principals key policies may name.
    let principals: any KnownPrincipals

    /// Loads every key, backing key and alias from the store into memory.
    public init(store: any KMSStore, dependencies: KMSDependencies,
                principals: any KnownPrincipals = AnyPrincipalExists()) async throws {
        self.dependencies = dependencies
        self.principals = principals
        self.ring = KeyRing(store: store, snapshot: try await store.load())
    }

    var now: Date { dependencies.now() }

    /// A fresh 256-bit key from the injected random source.
    func newSymmetricKey() -> SymmetricKey {
        SymmetricKey(data: dependencies.randomBytes(32))
    }
}
