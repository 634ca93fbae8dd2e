import AWSWire
import AccessPolicy
import Foundation
import Identity
import ServiceCalls

/// An IAM error: the query-protocol code, its HTTP status and a client-safe message.
public struct IAMError: AWSErrorRenderable, Equatable {
    public var awsErrorType: String
    public var httpStatusCode: Int
    public var message: String

    public init(_ code: IAMErrorCode, _ message: String) {
        self.init(code: code.rawValue, status: code.httpStatusCode, message)
    }

    public init(code: String, status: Int, _ message: String) {
        self.awsErrorType = code
        self.httpStatusCode = status
        self.message = message
    }

    static func noSuchUser(_ name: String) -> IAMError {
        IAMError(.noSuchEntity, "The user with name \(name) cannot be found.")
    }

    /// Identities, keys, groups and policies of the config file are read-only to the API.
    static func declared(_ what: String) -> IAMError {
        IAMError(.unmodifiableEntity, "Cannot perform the operation on \(what): it is declared in Arca's configuration file.")
    }

    static func unsupported(_ what: String) -> IAMError {
        IAMError(code: "UnsupportedOperation", status: 400, "\(what) is not supported by Arca yet.")
    }
}

/// IAM over the identity registry: the operations' shared rules (authorization, lookups, ids).
public final class IdentityManagementService: Sendable {
    public let identities: IdentityRegistry
    let now: @Sendable () -> Date
    let randomBytes: @Sendable (Int) -> [UInt8]

    /// "Access keys per user: 2" (IAM quotas).
    public static let accessKeysPerUser = 2
    /// "Groups an IAM user can be a member of: 10" (IAM quotas).
    public static let groupsPerUserLimit = 10

    public init(identities: IdentityRegistry, now: @escaping @Sendable () -> Date,
                randomBytes: @escaping @Sendable (Int) -> [UInt8]) {
        self.identities = identities
        self.now = now
        self.randomBytes = randomBytes
    }

    /// Allows `action` on `resource` if the caller's IAM policies do (the account root may do
    /// anything in its account); IAM resources of another account are never reachable.
    ///
    /// `conditions` are the action's own condition keys, such as `iam:PolicyARN`, lowercased.
    func authorize(_ action: String, resource: String, context: CallContext,
                   conditions: PolicyConditionContext = [:]) throws(IAMError) {
        let caller = context.caller
        let epoch = Int64(now().timeIntervalSince1970)
        var keys = caller.principalConditions
        keys.merge(conditions)
        let request = PolicyRequest(principal: caller.policyPrincipal, action: action, resource: resource, context: keys)
            .addingGlobalKeys(epochSeconds: epoch, sourceIP: context.sourceIP, requestedRegion: context.region)
        let decision: PolicyDecision
        if request.resourceAccountID != context.account.rawValue {
            decision = .implicitDeny(missing: .identityBased)
        } else {
            decision = IdentityPolicyEvaluator.evaluate(request, identityPolicies: caller.policies)
        }
        if let message = decision.accessDeniedMessage(for: request) {
            throw IAMError(.accessDenied, message)
        }
    }

    /// The ARN a user of the caller's account has or would have.
    func userARN(_ name: String, path: String = "/", context: CallContext) -> String {
        "arn:aws:iam::\(context.account):user\(path)\(name)"
    }

    /// A user of the caller's account by name: one the API created, or one of the config file.
    func user(named name: String, context: CallContext) throws(IAMError) -> UserRef {
        let directory = identities.current
        guard let arn = directory.userARN(named: name, in: context.account) else { throw .noSuchUser(name) }
        if let user = directory.iamUsers[arn] { return .created(user) }
        if let declared = directory.declaredUsers[arn] { return .declared(declared, loadedAt: directory.loadedAt) }
        throw .noSuchUser(name)
    }

    /// A user of the caller's account by ARN.
    func user(arn: String, context: CallContext) throws(IAMError) -> UserRef {
        let directory = identities.current
        if let user = directory.iamUsers[arn], user.account == context.account { return .created(user) }
        if let declared = directory.declaredUsers[arn], declared.principal.account == context.account {
            return .declared(declared, loadedAt: directory.loadedAt)
        }
        throw .noSuchUser(arn)
    }

    /// The user a request names, or the calling IAM user when it names none.
    func targetUser(_ name: String?, context: CallContext) throws(IAMError) -> UserRef {
        if let name { return try user(named: name, context: context) }
        guard context.caller.principal.kind == .user, let own = context.caller.principal.name else {
            throw IAMError(.validationError, "Must specify userName when calling with non-User credentials")
        }
        return try user(named: own, context: context)
    }

    /// A role of the caller's account by name: one the API created, or one of the config file.
    func role(named name: String, context: CallContext) throws(IAMError) -> RoleRef {
        let directory = identities.current
        guard let arn = directory.roleARN(named: name, in: context.account), let role = directory.role(arn: arn) else {
            throw IAMError(.noSuchEntity, "The role with name \(name) cannot be found.")
        }
        return RoleRef(role: role, created: directory.iamRoles[arn], loadedAt: directory.loadedAt)
    }

    /// Refuses a trust policy that is not a valid resource-based policy or names a principal that
    /// does not exist ("Invalid principal in policy").
    func validateTrustPolicy(_ document: String) throws(IAMError) {
        let parsed: PolicyDocument
        do {
            parsed = try PolicyDocument(json: document, kind: .resourceBased)
        } catch {
            throw IAMError(.malformedPolicyDocument, error.message)
        }
        let directory = identities.current
        for statement in parsed.statements {
            for identity in statement.principal?.principal.identities ?? [] {
                let exists: Bool = switch identity {
                case .anyone, .service: true
                case .account(_, let account), .assumedRole(_, let account, _, _), .federatedUser(_, let account, _):
                    AccountID(account).map(directory.accounts.contains) ?? false
                case .user(let partition, let account, let path, let name):
                    directory.principalARNs.contains("arn:\(partition):iam::\(account):user\(path)\(name)")
                case .role(let partition, let account, let path, let name):
                    directory.principalARNs.contains("arn:\(partition):iam::\(account):role\(path)\(name)")
                }
                guard exists else { throw IAMError(.malformedPolicyDocument, "Invalid principal in policy") }
            }
        }
    }

    /// A fresh id of `prefix` and 16 (or `length`) upper-case base32 characters.
    func newID(prefix: String, length: Int = 16) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        return prefix + String(randomBytes(length).map { alphabet[Int($0) % alphabet.count] })
    }

    /// A fresh 40-character secret access key.
    func newSecret() -> String {
        Data(randomBytes(30)).base64EncodedString()
    }
}

/// A user as the API sees it: created through it, or declared in the config file (read-only).
enum UserRef {
    case created(IAMUser)
    case declared(IdentityDirectory.DeclaredUser, loadedAt: Date)

    var arn: String {
        switch self {
        case .created(let user): user.arn
        case .declared(let user, _): user.principal.arn
        }
    }

    var name: String {
        switch self {
        case .created(let user): user.name
        case .declared(let user, _): user.principal.name ?? ""
        }
    }

    var shape: User {
        switch self {
        case .created(let user):
            User(path: user.path, userName: user.name, userId: user.userID, arn: user.arn, createDate: user.createDate)
        case .declared(let user, let loadedAt):
            User(path: user.path, userName: user.principal.name ?? "", userId: user.principal.userID,
                 arn: user.principal.arn, createDate: loadedAt)
        }
    }

    /// The created user, or `UnmodifiableEntity` for one of the config file.
    func modifiable() throws(IAMError) -> IAMUser {
        switch self {
        case .created(let user): return user
        case .declared(let user, _): throw .declared("user \(user.principal.name ?? user.principal.arn)")
        }
    }
}

/// A role as the API sees it: created through it, or declared in the config file (read-only).
struct RoleRef {
    var role: IdentityDirectory.Role
    var created: IAMRole?
    var loadedAt: Date

    var shape: Role {
        Role(path: role.path, roleName: role.name, roleId: role.roleID, arn: role.arn,
             createDate: created?.createDate ?? loadedAt,
             assumeRolePolicyDocument: role.trustDocument.map(RFC3986.encode),
             description: created?.description, maxSessionDuration: role.maxSessionDuration)
    }

    /// The created role, or `UnmodifiableEntity` for one of the config file.
    func modifiable() throws(IAMError) -> IAMRole {
        guard let created else { throw .declared("role \(role.name)") }
        return created
    }
}
