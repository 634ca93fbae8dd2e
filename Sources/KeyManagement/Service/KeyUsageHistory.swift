/// Where GetKeyLastUsage learns of a key's last successful cryptographic operation: the audit
/// trail, which records every call (the server wires it in).
public protocol KeyUsageHistory: Sendable {
    func lastCryptographicUse(of key: KMSKey) async throws -> KeyLastUsageData?
}
