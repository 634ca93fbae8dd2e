import AccessPolicy
import Foundation
import Crypto

/// Every known identity and access key; answers "whose key is this?" for the authenticator.
///
/// The built-in account `000000000000` with root credentials `test` / `test` is always present, so a
/// fresh Arca works with the conventional emulator credentials.
public struct IdentityDirectory: Sendable {
    public struct Credential: Sendable {
        public var principal: Principal
        public var secretAccessKey: String
        /// The principal's identity-based (IAM) policies, compiled once.
        public var policies: [CompiledPolicy]
        /// The principal as the policy evaluator sees it, and the global condition keys that
        /// describe it (`aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:userid`, …): computed once
        /// per credential rather than on every request.
        public var policyPrincipal: PolicyRequestPrincipal
        public var principalConditions: PolicyConditionContext
        /// For temporary credentials: the token a request must carry, and when it stops working.
        public var session: (token: String, expiration: Date)?

        init(principal: Principal, secretAccessKey: String, policies: [CompiledPolicy],
             session: (token: String, expiration: Date)? = nil) {
            self.principal = principal
            self.secretAccessKey = secretAccessKey
            self.policies = policies
            self.session = session
            self.policyPrincipal = principal.policyPrincipal
            self.principalConditions = PolicyRequest(principal: policyPrincipal, action: "", resource: "*")
                .addingGlobalKeys(secureTransport: false).context
        }
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
    private var policies: [String: [CompiledPolicy]] = [:]
    private var roles: [String: Role] = [:]
    public private(set) var accounts: Set<AccountID> = []
    public private(set) var principalARNs: Set<String> = []
    /// Users the IAM API created, by ARN, and their access keys by id.
    public private(set) var iamUsers: [String: IAMUser] = [:]
    public private(set) var iamAccessKeys: [String: IAMAccessKey] = [:]
    /// Users of the config file, by ARN, and the ids of the access keys it gives each principal.
    public private(set) var declaredUsers: [String: DeclaredUser] = [:]
    private var declaredKeyIDs: [String: [String]] = [:]
    /// Every user's ARN by `<account>/<lowercased name>`: "User names are not distinguished by
    /// case" (IAM API reference, CreateUser).
    private var userARNsByName: [String: String] = [:]
    /// Every role's ARN by `<account>/<lowercased name>`.
    private var roleARNsByName: [String: String] = [:]
    /// Roles the IAM API created, by ARN.
    public private(set) var iamRoles: [String: IAMRole] = [:]
    /// When the configuration was loaded: the `CreateDate` of declared users.
    public let loadedAt: Date

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
            let managed = try ManagedPolicies(account)
            var groups: [String: [CompiledPolicy]] = [:]
            for group in account.groups ?? [] {
                let arn = "arn:aws:iam::\(account.id):group\(group.path ?? "/")\(group.name)"
                guard groups[group.name] == nil else { throw IdentityConfigurationError(message: "group \(arn) is declared twice") }
                groups[group.name] = try Self.compile(group.policies, of: arn) + managed.resolve(group.managedPolicies, for: arn)
            }
            for user in account.users ?? [] {
                let principal = Principal.user(user.name, path: user.path ?? "/", in: account.id,
                                               userID: Self.uniqueID(prefix: "AIDA", for: "\(account.id)/user/\(user.name)"))
                principalARNs.insert(principal.arn)
                declaredUsers[principal.arn] = DeclaredUser(principal: principal, path: user.path ?? "/")
                userARNsByName[Self.nameKey(user.name, in: account.id)] = principal.arn
                var effective = try Self.compile(user.policies, of: principal.arn)
                effective += try managed.resolve(user.managedPolicies, for: principal.arn)
                for name in user.groups ?? [] {
                    guard let groupPolicies = groups[name] else {
                        throw IdentityConfigurationError(message: "\(principal.arn) is in group \(name), which is not declared")
                    }
                    effective += groupPolicies
                }
                policies[principal.arn] = effective
                for key in user.accessKeys ?? [] { try add(principal, key: key) }
            }
            for role in account.roles ?? [] {
                let path = role.path ?? "/"
                let arn = "arn:aws:iam::\(account.id):role\(path)\(role.name)"
                principalARNs.insert(arn)
                policies[arn] = try Self.compile(role.policies, of: arn) + managed.resolve(role.managedPolicies, for: arn)
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
                roleARNsByName[Self.nameKey(role.name, in: account.id)] = arn
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
        userARNsByName[Self.nameKey(name, in: account)]
    }

    /// The ARN of the role of this name in the account, declared or created, in any case.
    public func roleARN(named name: String, in account: AccountID) -> String? {
        roleARNsByName[Self.nameKey(name, in: account)]
    }

    /// Every role of an account, declared or created.
    public func roles(in account: AccountID) -> [Role] {
        roles.values.filter { $0.account == account }
    }

    /// The lookup key of a user or role name: names are unique in an account without regard to case.
    private static func nameKey(_ name: String, in account: AccountID) -> String {
        "\(account)/\(name.lowercased())"
    }

    /// Applies a change the IAM API made durable: users, roles, their inline policies, access keys.
    public mutating func apply(_ change: IAMChange) {
        switch change {
        case .putUser(let user):
            iamUsers[user.arn] = user
            principalARNs.insert(user.arn)
            userARNsByName[Self.nameKey(user.name, in: user.account)] = user.arn
            policies[user.arn] = Self.compileStored(user.inlinePolicies)
            for key in iamAccessKeys.values where key.userARN == user.arn { refreshCredential(key) }
        case .deleteUser(let user):
            iamUsers[user.arn] = nil
            principalARNs.remove(user.arn)
            userARNsByName[Self.nameKey(user.name, in: user.account)] = nil
            policies[user.arn] = nil
        case .putAccessKey(let key):
            iamAccessKeys[key.id] = key
            refreshCredential(key)
        case .deleteAccessKey(let key):
            iamAccessKeys[key.id] = nil
            credentials[key.id] = nil
        case .putRole(let role):
            iamRoles[role.arn] = role
            principalARNs.insert(role.arn)
            roleARNsByName[Self.nameKey(role.name, in: role.account)] = role.arn
            policies[role.arn] = Self.compileStored(role.inlinePolicies)
            roles[role.arn] = Role(
                arn: role.arn, name: role.name, path: role.path, account: role.account, roleID: role.roleID,
                trustPolicy: (try? PolicyDocument(json: role.trustPolicy, kind: .resourceBased)).map { CompiledPolicy(trustPolicy: $0) },
                maxSessionDuration: role.maxSessionDuration, trustDocument: role.trustPolicy, declared: false)
        case .deleteRole(let role):
            iamRoles[role.arn] = nil
            principalARNs.remove(role.arn)
            roleARNsByName[Self.nameKey(role.name, in: role.account)] = nil
            policies[role.arn] = nil
            roles[role.arn] = nil
        }
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

    /// Parses and compiles inline policies; a malformed one stops the configuration from loading.
    private static func compile(_ inline: [IdentityConfiguration.InlinePolicy]?, of arn: String) throws(IdentityConfigurationError) -> [CompiledPolicy] {
        var compiled: [CompiledPolicy] = []
        for policy in inline ?? [] {
            do {
                compiled.append(CompiledPolicy(try PolicyDocument(json: policy.document, kind: .identityBased)))
            } catch {
                throw IdentityConfigurationError(message: "policy \(policy.name) of \(arn) is malformed: \(error.message)")
            }
        }
        return compiled
    }

    /// An account's customer managed policies, compiled once and shared by everything they are
    /// attached to; referenced by name or by `arn:aws:iam::<account>:policy/<path><name>`.
    private struct ManagedPolicies {
        var byARN: [String: CompiledPolicy] = [:]
        var arnByName: [String: String] = [:]
        let account: AccountID

        init(_ account: IdentityConfiguration.Account) throws(IdentityConfigurationError) {
            self.account = account.id
            for policy in account.managedPolicies ?? [] {
                let arn = "arn:aws:iam::\(account.id):policy\(policy.path ?? "/")\(policy.name)"
                guard arnByName[policy.name] == nil else {
                    throw IdentityConfigurationError(message: "managed policy \(arn) is declared twice")
                }
                arnByName[policy.name] = arn
                byARN[arn] = try IdentityDirectory.compile([.init(name: policy.name, document: policy.document)], of: arn)[0]
            }
        }

        func resolve(_ references: [String]?, for owner: String) throws(IdentityConfigurationError) -> [CompiledPolicy] {
            var compiled: [CompiledPolicy] = []
            for reference in references ?? [] {
                let arn = reference.hasPrefix("arn:") ? reference : arnByName[reference]
                guard let arn, let policy = byARN[arn] else {
                    throw IdentityConfigurationError(
                        message: "\(owner) is attached to managed policy \(reference), which \(account) does not declare")
                }
                compiled.append(policy)
            }
            return compiled
        }
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
