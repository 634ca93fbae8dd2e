import Identity

/// How many KMS keys and aliases an account may have in one region.
///
/// "You can have up to 1000 CMKs per region. All CMKs count towards this limit regardless of their
/// status" and "Aliases: 1100" (kms-developer-guide.md, Limits). AWS managed keys and their
/// `alias/aws/` aliases do not count: AWS creates them, not the account.
public struct KMSResourceQuotas: Sendable, Equatable, Codable {
    public static let reference = KMSResourceQuotas(keys: 1000, aliases: 1100)

    public var keys: Int
    public var aliases: Int

    public init(keys: Int, aliases: Int) {
        self.keys = keys
        self.aliases = aliases
    }
}

extension KeyRingState {
    /// The customer managed keys of a scope.
    func customerKeyCount(in scope: KMSScope) -> Int {
        (keyOrder[scope] ?? []).count { keys[$0]?.keyManager == .customer }
    }

    /// The aliases of a scope that the account created.
    func customerAliasCount(in scope: KMSScope) -> Int {
        (aliases[scope] ?? [:]).values.count { !$0.name.isAWSManaged }
    }
}
