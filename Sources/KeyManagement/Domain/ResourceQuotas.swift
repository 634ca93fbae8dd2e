import Identity

/// How many KMS keys and aliases an account may have in one region, and how many grants each of
/// its keys may carry.
///
/// "You can have up to 1000 CMKs per region. All CMKs count towards this limit regardless of their
/// status", "Aliases: 1100", "Each CMK can have up to 2500 grants" and "For a given CMK, no more
/// than 30 grants can specify the same grantee principal" (kms-developer-guide.md, Limits). AWS
/// managed keys and their `alias/aws/` aliases do not count: AWS creates them, not the account.
public struct KMSResourceQuotas: Sendable, Equatable, Codable {
    public static let reference = KMSResourceQuotas(keys: 1000, aliases: 1100, grantsPerKey: 2500, grantsPerGranteePerKey: 30)

    public var keys: Int
    public var aliases: Int
    public var grantsPerKey: Int
    public var grantsPerGranteePerKey: Int

    public init(keys: Int, aliases: Int, grantsPerKey: Int, grantsPerGranteePerKey: Int) {
        self.keys = keys
        self.aliases = aliases
        self.grantsPerKey = grantsPerKey
        self.grantsPerGranteePerKey = grantsPerGranteePerKey
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
