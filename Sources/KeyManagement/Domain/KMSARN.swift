import Identity

/// The scope a KMS resource lives in: keys and aliases are per account and region.
public struct KMSScope: Hashable, Sendable {
    public var account: AccountID
    public var region: String

    public init(account: AccountID, region: String) {
        self.account = account
        self.region = region
    }

    public func keyARN(_ id: KeyID) -> String {
        keyARN(id.rawValue)
    }

    public func keyARN(_ id: String) -> String {
        "arn:aws:kms:\(region):\(account):key/\(id)"
    }

    public func aliasARN(_ name: AliasName) -> String {
        "arn:aws:kms:\(region):\(account):\(name)"
    }
}

/// A KMS resource ARN: `arn:aws:kms:<region>:<account>:key/<id>` or `…:alias/<name>`.
public struct KMSARN: Sendable, Equatable {
    public enum Resource: Sendable, Equatable {
        case key(String)
        case alias(String)
    }

    public var scope: KMSScope
    public var resource: Resource

    /// Parses a KMS ARN; nil for anything that is not one.
    public init?(_ string: String) {
        guard string.hasPrefix("arn:") else { return nil }
        let parts = string.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[1].hasPrefix("aws"), parts[2] == "kms", !parts[3].isEmpty,
              let account = AccountID(String(parts[4])) else { return nil }
        let resource = parts[5]
        if resource.hasPrefix("key/") {
            self.resource = .key(String(resource.dropFirst(4)))
        } else if resource.hasPrefix("alias/") {
            self.resource = .alias(String(resource))
        } else {
            return nil
        }
        self.scope = KMSScope(account: account, region: String(parts[3]))
    }
}
