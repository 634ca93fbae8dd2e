/// What an `AWS` or `Service` principal identifier names, parsed from its written form.
///
/// "You can specify AWS accounts (root), IAM users, IAM roles, and some AWS services as principals
/// in a key policy. IAM groups are not valid principals." (KMS Developer Guide, Overview of Key
/// Policies). Anything else, including a group ARN, a unique ID such as `AIDACKCEVSQ6C2EXAMPLE`,
/// or an ARN with a wildcard in it, does not parse.
public enum PolicyPrincipalIdentity: Sendable, Hashable {
    /// `*`: every principal, authenticated or not.
    case anyone
    /// An account, written `123456789012` (partition `nil`) or `arn:aws:iam::123456789012:root`.
    case account(partition: String?, accountID: String)
    /// `arn:aws:iam::123456789012:user/division/Bob` has path `/division/` and name `Bob`.
    case user(partition: String, accountID: String, path: String, name: String)
    /// `arn:aws:iam::123456789012:role/KMSRole` has path `/` and name `KMSRole`.
    case role(partition: String, accountID: String, path: String, name: String)
    /// `arn:aws:sts::123456789012:assumed-role/KMSRole/session-1`.
    case assumedRole(partition: String, accountID: String, roleName: String, sessionName: String)
    /// `arn:aws:sts::123456789012:federated-user/Bob`.
    case federatedUser(partition: String, accountID: String, name: String)
    /// A service principal such as `ses.amazonaws.com`.
    case service(String)

    /// Classifies the value of an `AWS` principal entry: `*`, an account ID, or an IAM or STS ARN.
    public init?(aws text: String) {
        if text == "*" {
            self = .anyone
            return
        }
        if Self.isAccountID(text[...]) {
            self = .account(partition: nil, accountID: text)
            return
        }
        guard let arn = Self.principalARN(text) else { return nil }
        self = arn
    }

    /// Classifies the value of a `Service` principal entry, such as `kms.amazonaws.com`.
    public init?(service text: String) {
        let allowed = text.utf8.allSatisfy { byte in
            Self.isLowercaseAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        }
        guard allowed, text.contains("."), !text.hasPrefix("."), !text.hasSuffix(".") else { return nil }
        self = .service(text)
    }

    /// The account the identity belongs to, or `nil` for `*` and service principals.
    public var accountID: String? {
        switch self {
        case .anyone, .service: nil
        case .account(_, let accountID), .user(_, let accountID, _, _), .role(_, let accountID, _, _),
            .assumedRole(_, let accountID, _, _), .federatedUser(_, let accountID, _):
            accountID
        }
    }

    // MARK: Parsing

    /// `arn:partition:service:region:account-id:resource`, with an empty region for IAM and STS.
    private static func principalARN(_ text: String) -> Self? {
        guard !text.contains("*"), !text.contains("?") else { return nil }
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", isPartition(parts[1]), parts[3].isEmpty,
            isAccountID(parts[4])
        else { return nil }
        let partition = String(parts[1])
        let accountID = String(parts[4])
        let resource = parts[5].split(separator: "/", omittingEmptySubsequences: false)
        guard resource.allSatisfy({ !$0.isEmpty && isName($0) }) else { return nil }
        let kind = resource[0]
        let rest = resource.dropFirst().map(String.init)

        switch (parts[2], kind) {
        case ("iam", "root") where rest.isEmpty:
            return .account(partition: partition, accountID: accountID)
        case ("iam", "user") where !rest.isEmpty:
            return .user(partition: partition, accountID: accountID, path: path(rest), name: rest[rest.count - 1])
        case ("iam", "role") where !rest.isEmpty:
            return .role(partition: partition, accountID: accountID, path: path(rest), name: rest[rest.count - 1])
        case ("sts", "assumed-role") where rest.count == 2:
            return .assumedRole(partition: partition, accountID: accountID, roleName: rest[0], sessionName: rest[1])
        case ("sts", "federated-user") where rest.count == 1:
            return .federatedUser(partition: partition, accountID: accountID, name: rest[0])
        default:
            return nil
        }
    }

    /// `["division", "Bob"]` → `/division/`; `["Bob"]` → `/`.
    private static func path(_ components: [String]) -> String {
        components.count == 1 ? "/" : "/" + components.dropLast().joined(separator: "/") + "/"
    }

    /// `aws`, `aws-cn`, `aws-us-gov`, `aws-iso-b`, …
    private static func isPartition(_ text: Substring) -> Bool {
        text == "aws" || (text.hasPrefix("aws-") && text.count > 4 && text.utf8.allSatisfy { byte in
            isLowercaseAlphanumeric(byte) || byte == UInt8(ascii: "-")
        })
    }

    /// Exactly twelve ASCII digits.
    private static func isAccountID(_ text: Substring) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// IAM names and session names: `[\w+=,.@-]+`.
    private static func isName(_ text: Substring) -> Bool {
        text.utf8.allSatisfy { byte in
            isLowercaseAlphanumeric(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || "_+=,.@-".utf8.contains(byte)
        }
    }

    private static func isLowercaseAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
