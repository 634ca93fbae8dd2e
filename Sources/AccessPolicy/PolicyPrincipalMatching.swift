/// How a statement's `Principal` element covers the caller, which decides whether a key policy
/// allow is enough on its own.
public enum PolicyPrincipalMatch: Sendable, Hashable, Comparable {
    /// The element names the caller's account (an account ID or `arn:…:iam::ACCOUNT:root`) and
    /// the caller is an IAM identity in it. "This delegates authority to the account. … Using the
    /// account ARN in the `Principal` element does not limit permissions to only the root user of
    /// the account." (IAM JSON policy elements: Principal). The account's IAM policies decide.
    case account
    /// The element names the caller itself, its role, `*`, or — for the root user — its account;
    /// or the statement has no principal because it sits in the caller's own identity policy.
    case direct
}

/// The principals of one `Principal` or `NotPrincipal` element, classified once.
///
/// Matching rules, from "IAM JSON policy elements: Principal" unless noted:
/// - `"*"` and `{"AWS": "*"}` match every caller, services and anonymous callers included.
/// - An account matches every identity of that account: root, users, role sessions, federated users.
/// - A user ARN matches that user exactly ("the user name part of the ARN is case sensitive").
/// - A role ARN matches every session of that role: "When you specify a role principal in a
///   resource-based policy, the effective permissions for the principal are limited by any policy
///   types that limit permissions for the role. This includes session policies". Session ARNs
///   carry no role path, so the role is recognised by partition, account and name.
/// - A session ARN matches that session only: "you cannot use a wildcard "*" to mean all sessions".
/// - `{"Service": "…"}` matches that service principal only.
/// - For `NotPrincipal`, a caller is excluded only if each identity AWS may validate is named:
///   "AWS might validate the account first, then the role, and then the assumed-role user …
///   we strongly recommend that you explicitly include the ARN for a user's account, or include
///   both the ARN for a role and the ARN for the account containing that role" (IAM JSON policy
///   elements: NotPrincipal). So a user needs its ARN and its account, a session its ARN, its
///   role and its account; `*` excludes everyone.
struct PolicyPrincipalMatcher: Sendable, Equatable {
    private let isNegated: Bool
    private let identities: [PolicyPrincipalIdentity]
    /// The ARNs of the users, sessions and federated users named, as written.
    private let namedARNs: Set<String>

    init(_ block: PolicyPrincipalBlock) {
        isNegated = block.isNegated
        identities = block.principal.identities
        var namedARNs = Set<String>()
        if case .specified(let entries) = block.principal {
            for entry in entries where entry.type == .aws {
                for text in entry.values {
                    switch PolicyPrincipalIdentity(aws: text) {
                    case .user, .assumedRole, .federatedUser: namedARNs.insert(text)
                    default: break
                    }
                }
            }
        }
        self.namedARNs = namedARNs
    }

    /// How the statement covers `caller`, or `nil` when it does not apply to the caller.
    func match(_ caller: PolicyRequestPrincipal) -> PolicyPrincipalMatch? {
        if isNegated {
            return isExcluded(caller) ? nil : .direct
        }
        if namesCallerItself(caller) { return .direct }
        var best: PolicyPrincipalMatch?
        for identity in identities {
            guard let match = Self.match(identity, caller) else { continue }
            if match == .direct { return .direct }
            best = match
        }
        return best
    }

    private static func match(_ identity: PolicyPrincipalIdentity, _ caller: PolicyRequestPrincipal) -> PolicyPrincipalMatch? {
        switch identity {
        case .anyone:
            return .direct
        case .account(let partition, let accountID):
            guard caller.accountID == accountID, partition == nil || partition == caller.partition else { return nil }
            return caller.isAccountRoot ? .direct : .account
        case .user, .assumedRole, .federatedUser:
            return nil  // matched by ARN in `match(_:)`
        case .role:
            return namesCallerRole(identity, caller) ? .direct : nil
        case .service(let name):
            return caller.kind == .service && caller.arn == name ? .direct : nil
        }
    }

    private func isExcluded(_ caller: PolicyRequestPrincipal) -> Bool {
        if identities.contains(.anyone) { return true }
        let accountNamed = identities.contains { identity in
            if case .account = identity { Self.match(identity, caller) != nil } else { false }
        }
        let selfNamed = namesCallerItself(caller)
        switch caller.kind {
        case .account: return accountNamed
        case .user, .federatedUser: return accountNamed && selfNamed
        case .assumedRole: return accountNamed && selfNamed && identities.contains { Self.namesCallerRole($0, caller) }
        case .service: return identities.contains { Self.match($0, caller) != nil }
        case .anonymous: return false
        }
    }

    private func namesCallerItself(_ caller: PolicyRequestPrincipal) -> Bool {
        switch caller.kind {
        case .user, .assumedRole, .federatedUser: namedARNs.contains(caller.arn)
        default: false
        }
    }

    private static func namesCallerRole(_ identity: PolicyPrincipalIdentity, _ caller: PolicyRequestPrincipal) -> Bool {
        guard case .role(let partition, let accountID, _, let name) = identity, caller.kind == .assumedRole else { return false }
        return caller.partition == partition && caller.accountID == accountID && caller.roleName == name
    }
}
