import Crypto
import Foundation
import Identity
import ServiceCalls

/// The KMS: in-memory state over a durable store, plus the preconditions operations share.
public final class KeyManagementService: Sendable {
    public let dependencies: KMSDependencies
    let ring: KeyRing
    let clockText = CurrentTimeText()
    /// The accounts and principals key policies may name.
    let principals: any KnownPrincipals
    /// Signs grant tokens. The server derives it from the root key, so tokens outlive restarts.
    let grantTokenKey: SymmetricKey
    /// Seals import tokens (with their wrapping private keys) and fingerprints imported material.
    let importTokenKey: SymmetricKey
    let materialFingerprintKey: SymmetricKey
    /// Where GetKeyLastUsage looks; without one it reports no usage.
    let usageHistory: (any KeyUsageHistory)?
    /// Each account's key and alias quotas.
    let resourceQuotas: @Sendable (AccountID) -> KMSResourceQuotas
    /// Throttles the operations whose request quota depends on their key, once it is known; nil
    /// throttles none of them.
    let keyUseAdmission: (any KeyUseAdmission)?
    /// Verifies the attestation documents of `Recipient` parameters.
    let attestationVerifier: NitroAttestationVerifier

    /// Loads every key, backing key, alias and grant from the store into memory.
    ///
    /// Without a `grantTokenKey` or an `importKey`, one is drawn at random and tokens (and
    /// material fingerprints) last as long as the process; the server derives both from the root key.
    /// Attestation documents are verified against the AWS Nitro Enclaves root; `attestationRoot`
    /// (a DER certificate) replaces it for tests only, which have no enclave.
    public init(store: any KMSStore, dependencies: KMSDependencies,
                principals: any KnownPrincipals = AnyPrincipalExists(),
                grantTokenKey: SymmetricKey? = nil, importKey: SymmetricKey? = nil,
                usageHistory: (any KeyUsageHistory)? = nil,
                resourceQuotas: @escaping @Sendable (AccountID) -> KMSResourceQuotas = { _ in .reference },
                keyUseAdmission: (any KeyUseAdmission)? = nil, attestationRoot: [UInt8]? = nil) async throws {
        self.dependencies = dependencies
        self.attestationVerifier = NitroAttestationVerifier(trustAnchor: try attestationRoot.map(NitroTrustAnchor.init(derEncoded:))
                                                                ?? NitroTrustAnchor.awsNitroEnclavesRootG1())
        self.keyUseAdmission = keyUseAdmission
        self.usageHistory = usageHistory
        self.resourceQuotas = resourceQuotas
        self.principals = principals
        self.grantTokenKey = grantTokenKey ?? SymmetricKey(data: dependencies.randomBytes(32))
        let importKey = importKey ?? SymmetricKey(data: dependencies.randomBytes(32))
        self.importTokenKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: importKey, info: Array("import-tokens".utf8),
                                                     outputByteCount: 32)
        self.materialFingerprintKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: importKey,
                                                             info: Array("material-fingerprints".utf8), outputByteCount: 32)
        self.ring = KeyRing(store: store, snapshot: try await store.load())
    }

    var now: Date { dependencies.now() }

    /// A fresh 256-bit key from the injected random source.
    func newSymmetricKey() -> SymmetricKey {
        SymmetricKey(data: dependencies.randomBytes(32))
    }

    /// Every key, in any state (for the metrics' gauges).
    public func allKeys() -> [KMSKey] {
        ring.read { Array($0.keys.values) }
    }
}
