import AccessPolicy
import Foundation
import Crypto

/// Every known identity and access key; answers "whose key is this?" for the authenticator.
///
/// The built-in account `000000000000` with root credentials `test` / `test` is always present, so a
/// fresh Arca works with the conventional emulator credentials.
public struct IdentityDirectory: Sendable {
    /// An access key's secret and the caller it authenticates.
    public struct Credential: Sendable {
        public var caller: Caller
        public var secretAccessKey: String
        /// For temporary credentials: the token a request must carry, and when it stops working.
        public var session: (token: String, expiration: Date)?

        init(principal: Principal, secretAccessKey: String, policies: [CompiledPolicy],
             session: (token: String, expiration: Date)? = nil) {
            self.caller = Caller(principal: principal, policies: policies)
            self.secretAccessKey = secretAccessKey
            self.session = session
        }

        public var principal: Principal { caller.principal }

        /// The principal's identity-based (IAM) policies, compiled once.
        public var policies: [CompiledPolicy] {
            get { caller.policies }
            set { caller.policies = newValue }
        }

        public var policyPrincipal: PolicyRequestPrincipal { caller.policyPrincipal }
        public var principalConditions: PolicyConditionContext { caller.principalConditions }
    }

    /// An IAM role: who may assume it (its trust policy) and what its sessions may do.
    public struct Role: Sendable {
        public var arn: String
        public var name: String
        public var path: String
        public var account: AccountID
        /// The role's unique id (`AROA…`).
        public var roleID: String
        /// Without a trust policy nobody can assume the role.
        public var trustPolicy: CompiledPolicy?
        public var maxSessionDuration: Int
        /// The trust policy as written, for GetRole.
        public var trustDocument: String?
        /// Whether the config file declares the role (read-only to the IAM API).
        public var declared: Bool
    }

    public static let defaultAccessKeyID = "test"
    public static let defaultSecretAccessKey = "test"
    /// "MaxSessionDuration … If you do not specify a value for this setting, the default maximum
    /// of one hour is applied. This setting can have a value from 1 hour to 12 hours." (IAM API, CreateRole)
    public static let defaultMaxSessionDuration = 3600

    /// A user declared in the config file: the IAM API reads it but does not change it.
    public struct DeclaredUser: Sendable {
        public var principal: Principal
        public var path: String
    }

    private var credentials: [String: Credential] = [:]
    /// The effective identity-based policies of every user and role: its own, its attached
    /// managed policies', and its groups'; recomputed whenever one of them changes.
    private var policies: [String: [CompiledPolicy]] = [:]
    /// What each user, role and group holds directly, by ARN.
    private var holders: [String: PolicyHolder] = [:]
    /// The default version of every managed policy, compiled, by ARN.
    private var compiledManaged: [String: CompiledPolicy] = [:]
    /// The groups of each user, by user ARN.
    private var groupsOfUser: [String: [String]] = [:]
    private var roles: [String: Role] = [:]
    public private(set) var accounts: Set<AccountID> = []
    public private(set) var principalARNs: Set<String> = []
    /// Users the IAM API created, by ARN, and their access keys by id.
    public private(set) var iamUsers: [String: IAMUser] = [:]
    public private(set) var iamAccessKeys: [String: IAMAccessKey] = [:]
    private var iamKeyIDs: [String: Set<String>] = [:]
    /// Users of the config file, by ARN, and the ids of the access keys it gives each principal.
    public private(set) var declaredUsers: [String: DeclaredUser] = [:]
    private var declaredKeyIDs: [String: [String]] = [:]
    /// Every group and customer managed policy, declared or created, by ARN.
    public private(set) var groups: [String: IAMGroup] = [:]
    public private(set) var managedPolicies: [String: IAMManagedPolicy] = [:]
    /// The groups and managed policies of the config file, read-only to the IAM API.
    public private(set) var declaredARNs: Set<String> = []
    /// Every user, role, group and managed policy ARN by kind and `<account>/<lowercased name>`:
    /// "User names are not distinguished by case" (IAM API reference, CreateUser), nor are the
    /// names of roles, groups and policies.
    private var arnsByName: [NameKey: String] = [:]
    /// Roles the IAM API created, by ARN.
    public private(set) var iamRoles: [String: IAMRole] = [:]
    /// When the configuration was loaded: the `CreateDate` of declared users.
    public let loadedAt: Date

    /// The kinds of IAM entity with account-unique names.
    public enum EntityKind: Sendable {
        case user, role, group, policy
    }

    private struct NameKey: Hashable {
        var kind: EntityKind
        var account: AccountID
        var name: String

        init(_ kind: EntityKind, _ name: String, in account: AccountID) {
            self.kind = kind
            self.account = account
            self.name = name.lowercased()
        }
    }

    /// The policies a user, role or group holds directly.
    private struct PolicyHolder {
        var inline: [CompiledPolicy]
        var attached: [String]
    }

    public init(configuration: IdentityConfiguration = IdentityConfiguration(),
                loadedAt: Date = Date(timeIntervalSince1970: 0)) throws(IdentityConfigurationError) {
        self.loadedAt = loadedAt
        try add(Principal.root(of: .default), key: .init(accessKeyId: Self.defaultAccessKeyID,
                                                         secretAccessKey: Self.defaultSecretAccessKey))
        for account in configuration.accounts {
            accounts.insert(account.id)
            let root = Principal.root(of: account.id)
            principalARNs.insert(root.arn)
            for key in account.rootAccessKeys ?? [] { try add(root, key: key) }
            for declared in account.managedPolicies ?? [] {
                let policy = IAMManagedPolicy(account: account.id, name: declared.name, path: declared.path ?? "/",
                                              policyID: Self.uniqueID(prefix: "ANPA", for: "\(account.id)/policy/\(declared.name)"),
                                              description: nil, document: declared.document, createDate: loadedAt)
                guard arn(of: .policy, named: policy.name, in: account.id) == nil else {
                    throw IdentityConfigurationError(message: "managed policy \(policy.arn) is declared twice")
                }
                _ = try Self.declaredInline([.init(name: policy.name, document: declared.document)], of: policy.arn)
                declaredARNs.insert(policy.arn)
                apply(.putPolicy(policy))
            }
            for declared in account.groups ?? [] {
                var group = IAMGroup(account: account.id, name: declared.name, path: declared.path ?? "/",
                                     groupID: Self.uniqueID(prefix: "AGPA", for: "\(account.id)/group/\(declared.name)"),
                                     createDate: loadedAt)
                guard arn(of: .group, named: group.name, in: account.id) == nil else {
                    throw IdentityConfigurationError(message: "group \(group.arn) is declared twice")
                }
                group.inlinePolicies = try Self.declaredInline(declared.policies, of: group.arn)
                group.attachedPolicies = try resolveManaged(declared.managedPolicies, for: group.arn, in: account.id)
                group.members = (account.users ?? []).filter { ($0.groups ?? []).contains(declared.name) }.map {
                    Principal.user($0.name, path: $0.path ?? "/", in: account.id, userID: "").arn
                }
                declaredARNs.insert(group.arn)
                apply(.putGroup(group))
            }
            for user in account.users ?? [] {
                let principal = Principal.user(user.name, path: user.path ?? "/", in: account.id,
                                               userID: Self.uniqueID(prefix: "AIDA", for: "\(account.id)/user/\(user.name)"))
                principalARNs.insert(principal.arn)
                declaredUsers[principal.arn] = DeclaredUser(principal: principal, path: user.path ?? "/")
                arnsByName[NameKey(.user, user.name, in: account.id)] = principal.arn
                for name in user.groups ?? [] where arn(of: .group, named: name, in: account.id) == nil {
                    throw IdentityConfigurationError(message: "\(principal.arn) is in group \(name), which is not declared")
                }
                holders[principal.arn] = PolicyHolder(
                    inline: Self.compileStored(try Self.declaredInline(user.policies, of: principal.arn)),
                    attached: try resolveManaged(user.managedPolicies, for: principal.arn, in: account.id))
                recompute(principal.arn)
                for key in user.accessKeys ?? [] { try add(principal, key: key) }
            }
            for role in account.roles ?? [] {
                let path = role.path ?? "/"
                let arn = "arn:aws:iam::\(account.id):role\(path)\(role.name)"
                principalARNs.insert(arn)
                holders[arn] = PolicyHolder(inline: Self.compileStored(try Self.declaredInline(role.policies, of: arn)),
                                            attached: try resolveManaged(role.managedPolicies, for: arn, in: account.id))
                recompute(arn)
                let duration = role.maxSessionDuration ?? Self.defaultMaxSessionDuration
                guard (3600...43200).contains(duration) else {
                    throw IdentityConfigurationError(message: "maxSessionDuration of \(arn) must be 3600 to 43200 seconds")
                }
                roles[arn] = Role(arn: arn, name: role.name, path: path, account: account.id,
                                  roleID: Self.uniqueID(prefix: "AROA", for: "\(account.id)/role/\(role.name)"),
                                  trustPolicy: try role.assumeRolePolicy.map { text throws(IdentityConfigurationError) in
                                      try Self.compileTrustPolicy(text, of: arn)
                                  },
                                  maxSessionDuration: duration, trustDocument: role.assumeRolePolicy, declared: true)
                arnsByName[NameKey(.role, role.name, in: account.id)] = arn
            }
        }
    }

    /// The credential an access key id belongs to, or nil for an unknown key.
    public func credential(forAccessKeyID id: String) -> Credential? {
        credentials[id]
    }

    /// A role by ARN.
    public func role(arn: String) -> Role? {
        roles[arn]
    }

    /// The ARN of the user of this name in the account, declared or created, in any case.
    public func userARN(named name: String, in account: AccountID) -> String? {
        arn(of: .user, named: name, in: account)
    }

    /// The ARN of the role of this name in the account, declared or created, in any case.
    public func roleARN(named name: String, in account: AccountID) -> String? {
        arn(of: .role, named: name, in: account)
    }

    /// The ARN of the user, role, group or managed policy of this name in the account, in any case.
    public func arn(of kind: EntityKind, named name: String, in account: AccountID) -> String? {
        arnsByName[NameKey(kind, name, in: account)]
    }

    /// The ARNs of the groups a user is in.
    public func groups(of userARN: String) -> [String] {
        groupsOfUser[userARN] ?? []
    }

    /// The ARNs of the managed policies attached directly to a user, role or group.
    public func attachedPolicies(of arn: String) -> [String] {
        holders[arn]?.attached ?? []
    }

    /// The users, roles and groups a managed policy is attached to.
    public func entities(attachedTo policyARN: String) -> [String] {
        holders.filter { $0.value.attached.contains(policyARN) }.map(\.key)
    }

    /// Every role of an account, declared or created.
    public func roles(in account: AccountID) -> [Role] {
        roles.values.filter { $0.account == account }
    }

    /// Applies a change the IAM API made durable, then recomputes the effective policies of
    /// the users and roles it touches.
    public mutating func apply(_ change: IAMChange) {
        switch change {
        case .putUser(let user):
            iamUsers[user.arn] = user
            principalARNs.insert(user.arn)
            arnsByName[NameKey(.user, user.name, in: user.account)] = user.arn
            holders[user.arn] = PolicyHolder(inline: Self.compileStored(user.inlinePolicies), attached: user.attachedPolicies)
            recompute(user.arn)
        case .deleteUser(let user):
            iamUsers[user.arn] = nil
            principalARNs.remove(user.arn)
            arnsByName[NameKey(.user, user.name, in: user.account)] = nil
            holders[user.arn] = nil
            policies[user.arn] = nil
        case .putAccessKey(let key):
            iamAccessKeys[key.id] = key
            iamKeyIDs[key.userARN, default: []].insert(key.id)
            refreshCredential(key)
        case .deleteAccessKey(let key):
            iamAccessKeys[key.id] = nil
            iamKeyIDs[key.userARN]?.remove(key.id)
            credentials[key.id] = nil
        case .putRole(let role):
            iamRoles[role.arn] = role
            principalARNs.insert(role.arn)
            arnsByName[NameKey(.role, role.name, in: role.account)] = role.arn
            holders[role.arn] = PolicyHolder(inline: Self.compileStored(role.inlinePolicies), attached: role.attachedPolicies)
            recompute(role.arn)
            roles[role.arn] = Role(
                arn: role.arn, name: role.name, path: role.path, account: role.account, roleID: role.roleID,
                trustPolicy: (try? PolicyDocument(json: role.trustPolicy, kind: .resourceBased)).map { CompiledPolicy(trustPolicy: $0) },
                maxSessionDuration: role.maxSessionDuration, trustDocument: role.trustPolicy, declared: false)
        case .deleteRole(let role):
            iamRoles[role.arn] = nil
            principalARNs.remove(role.arn)
            arnsByName[NameKey(.role, role.name, in: role.account)] = nil
            holders[role.arn] = nil
            policies[role.arn] = nil
            roles[role.arn] = nil
        case .putGroup(let group):
            let previous = groups[group.arn]?.members ?? []
            groups[group.arn] = group
            arnsByName[NameKey(.group, group.name, in: group.account)] = group.arn
            holders[group.arn] = PolicyHolder(inline: Self.compileStored(group.inlinePolicies), attached: group.attachedPolicies)
            setMembers(of: group.arn, from: previous, to: group.members)
        case .deleteGroup(let group):
            let previous = groups[group.arn]?.members ?? []
            groups[group.arn] = nil
            arnsByName[NameKey(.group, group.name, in: group.account)] = nil
            holders[group.arn] = nil
            setMembers(of: group.arn, from: previous, to: [])
        case .putPolicy(let policy):
            managedPolicies[policy.arn] = policy
            arnsByName[NameKey(.policy, policy.name, in: policy.account)] = policy.arn
            compiledManaged[policy.arn] = Self.compileStored([IAMInlinePolicy(name: policy.name, document: policy.defaultVersion.document)]).first
            recomputeAll()
        case .deletePolicy(let policy):
            managedPolicies[policy.arn] = nil
            arnsByName[NameKey(.policy, policy.name, in: policy.account)] = nil
            compiledManaged[policy.arn] = nil
            recomputeAll()
        }
    }

    private mutating func setMembers(of group: String, from previous: [String], to members: [String]) {
        for user in previous { groupsOfUser[user]?.removeAll { $0 == group } }
        for user in members { groupsOfUser[user, default: []].append(group) }
        for user in Set(previous + members) { recompute(user) }
    }

    /// A principal's effective policies: its inline policies, its attached managed policies, and
    /// those of its groups.
    private mutating func recompute(_ arn: String) {
        guard let holder = holders[arn] else { return }
        var effective = holder.inline + holder.attached.compactMap { compiledManaged[$0] }
        for group in groupsOfUser[arn] ?? [] {
            guard let groupHolder = holders[group] else { continue }
            effective += groupHolder.inline + groupHolder.attached.compactMap { compiledManaged[$0] }
        }
        policies[arn] = effective
        for id in declaredKeyIDs[arn] ?? [] {
            credentials[id]?.policies = effective
        }
        for id in iamKeyIDs[arn] ?? [] {
            if let key = iamAccessKeys[id] { refreshCredential(key) }
        }
    }

    /// After a managed policy changes: every user's and role's effective policies.
    private mutating func recomputeAll() {
        for arn in holders.keys where groups[arn] == nil { recompute(arn) }
    }

    /// Compiles stored inline policies; they were validated when put, and one that no longer
    /// parses allows nothing.
    private static func compileStored(_ inline: [IAMInlinePolicy]) -> [CompiledPolicy] {
        inline.compactMap { policy in
            (try? PolicyDocument(json: policy.document, kind: .identityBased)).map { CompiledPolicy($0) }
        }
    }

    /// An API-created access key authenticates while it is active and its user exists.
    private mutating func refreshCredential(_ key: IAMAccessKey) {
        guard key.isActive, let user = iamUsers[key.userARN] else {
            credentials[key.id] = nil
            return
        }
        credentials[key.id] = Credential(principal: user.principal, secretAccessKey: key.secretAccessKey,
                                         policies: policies[user.arn] ?? [])
    }

    /// Whether an access key id is taken, by the config file or the IAM API.
    public func accessKeyExists(_ id: String) -> Bool {
        credentials[id] != nil || iamAccessKeys[id] != nil
    }

    /// The credential of a role session: the session principal with its role's IAM policies.
    public func credential(for session: RoleSession) -> Credential {
        Credential(principal: session.principal, secretAccessKey: session.secretAccessKey,
                   policies: policies[session.roleARN] ?? [],
                   session: (session.sessionToken, session.expiration))
    }

    private mutating func add(_ principal: Principal, key: IdentityConfiguration.AccessKey) throws(IdentityConfigurationError) {
        accounts.insert(principal.account)
        principalARNs.insert(principal.arn)
        if let existing = credentials[key.accessKeyId], existing.principal != principal {
            throw IdentityConfigurationError(message: "access key \(key.accessKeyId) is declared twice")
        }
        credentials[key.accessKeyId] = Credential(principal: principal, secretAccessKey: key.secretAccessKey,
                                                  policies: policies[principal.arn] ?? [])
        declaredKeyIDs[principal.arn, default: []].append(key.accessKeyId)
    }

    /// The ids of the access keys the config file gives a principal.
    public func declaredAccessKeyIDs(of arn: String) -> [String] {
        declaredKeyIDs[arn] ?? []
    }

    /// Validates the inline policies of the config file; a malformed one stops the configuration
    /// from loading.
    private static func declaredInline(_ inline: [IdentityConfiguration.InlinePolicy]?, of arn: String) throws(IdentityConfigurationError) -> [IAMInlinePolicy] {
        var validated: [IAMInlinePolicy] = []
        for policy in inline ?? [] {
            do {
                _ = try PolicyDocument(json: policy.document, kind: .identityBased)
            } catch {
                throw IdentityConfigurationError(message: "policy \(policy.name) of \(arn) is malformed: \(error.message)")
            }
            validated.append(IAMInlinePolicy(name: policy.name, document: policy.document))
        }
        return validated
    }

    /// The ARNs of the config file's references to managed policies of `account`, by name or ARN.
    private func resolveManaged(_ references: [String]?, for owner: String, in account: AccountID) throws(IdentityConfigurationError) -> [String] {
        var arns: [String] = []
        for reference in references ?? [] {
            let arn = reference.hasPrefix("arn:") ? reference : arn(of: .policy, named: reference, in: account)
            guard let arn, let policy = managedPolicies[arn], policy.account == account else {
                throw IdentityConfigurationError(
                    message: "\(owner) is attached to managed policy \(reference), which \(account) does not declare")
            }
            arns.append(arn)
        }
        return arns
    }

    private static func compileTrustPolicy(_ text: String, of arn: String) throws(IdentityConfigurationError) -> CompiledPolicy {
        do {
            return CompiledPolicy(trustPolicy: try PolicyDocument(json: text, kind: .resourceBased))
        } catch {
            throw IdentityConfigurationError(message: "the trust policy of \(arn) is malformed: \(error.message)")
        }
    }

    /// A stable AWS-style unique id (`AIDA…`) derived from the identity's name, so it survives restarts.
    static func uniqueID(prefix: String, for name: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        let digest = SHA256.hash(data: Array(name.utf8))
        return prefix + String(digest.prefix(17).map { alphabet[Int($0) % alphabet.count] })
    }
}

public struct IdentityConfigurationError: Error, Sendable, Equatable {
    public var message: String
}
