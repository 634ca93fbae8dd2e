import AWSWire
import AccessPolicy
import Foundation

/// An STS error: the query-protocol code, its HTTP status and a client-safe message.
public struct STSError: AWSErrorRenderable, Equatable {
    public var awsErrorType: String
    public var httpStatusCode: Int
    public var message: String

    public init(_ code: String, status: Int = 400, _ message: String) {
        self.awsErrorType = code
        self.httpStatusCode = status
        self.message = message
    }

    static func accessDenied(_ message: String) -> STSError { STSError("AccessDenied", status: 403, message) }
    static func validation(_ message: String) -> STSError { STSError("ValidationError", message) }
}

/// STS: who is calling (GetCallerIdentity) and role sessions (AssumeRole), over the configured
/// identities and the durable session registry.
public final class SecurityTokenService: Sendable {
    public let identities: IdentityRegistry
    public let sessions: SessionRegistry
    let now: @Sendable () -> Date
    let randomBytes: @Sendable (Int) -> [UInt8]

    /// "the duration … can range from 900 seconds (15 minutes) up to the maximum session duration
    /// setting for the role" and "Role chaining limits your … session to a maximum of one hour"
    /// (STS API reference, AssumeRole).
    public static let minimumDuration = 900
    public static let defaultDuration = 3600
    public static let chainedMaximumDuration = 3600

    public init(identities: IdentityRegistry, sessions: SessionRegistry, now: @escaping @Sendable () -> Date,
                randomBytes: @escaping @Sendable (Int) -> [UInt8]) {
        self.identities = identities
        self.sessions = sessions
        self.now = now
        self.randomBytes = randomBytes
    }

    /// Whose access key this is: a configured identity's, or a role session's.
    public func credential(forAccessKeyID id: String) -> IdentityDirectory.Credential? {
        if let credential = identities.credential(forAccessKeyID: id) { return credential }
        return sessions.session(forAccessKeyID: id).map(identities.credential(for:))
    }

    /// What AssumeRole asks for.
    public struct AssumeRoleRequest: Sendable {
        public var roleARN: String
        public var sessionName: String
        public var durationSeconds: Int?
        /// `sts:ExternalId` and `sts:SourceIdentity` for the trust policy's conditions.
        public var externalID: String?
        public var sourceIdentity: String?

        public init(roleARN: String, sessionName: String, durationSeconds: Int? = nil, externalID: String? = nil,
                    sourceIdentity: String? = nil) {
            self.roleARN = roleARN
            self.sessionName = sessionName
            self.durationSeconds = durationSeconds
            self.externalID = externalID
            self.sourceIdentity = sourceIdentity
        }
    }

    /// Issues a session of a role to `caller`, if the role's trust policy and the caller's IAM
    /// policies allow `sts:AssumeRole` as AWS evaluates a resource-based policy: a trust policy
    /// naming the caller suffices in the role's account; one naming the account, or a caller of
    /// another account, needs the caller's IAM policy too.
    public func assumeRole(_ request: AssumeRoleRequest, caller: Caller,
                           sourceIP: String?, region: String) async throws -> RoleSession {
        if caller.principal.kind == .root {
            throw STSError.accessDenied("Roles may not be assumed by root accounts.")
        }
        let denied = STSError.accessDenied(
            "User: \(caller.principal.arn) is not authorized to perform: sts:AssumeRole on resource: \(request.roleARN)")
        guard let role = identities.current.role(arn: request.roleARN), let trustPolicy = role.trustPolicy else { throw denied }
        let epoch = Int64(now().timeIntervalSince1970)
        var policyRequest = PolicyRequest(principal: caller.policyPrincipal, action: "sts:AssumeRole", resource: role.arn,
                                          context: caller.principalConditions)
            .addingGlobalKeys(epochSeconds: epoch, sourceIP: sourceIP, requestedRegion: region)
        policyRequest.context["sts:RoleSessionName"] = .single(request.sessionName)
        if let externalID = request.externalID { policyRequest.context["sts:ExternalId"] = .single(externalID) }
        if let source = request.sourceIdentity { policyRequest.context["sts:SourceIdentity"] = .single(source) }
        let decision = KeyAccessEvaluator.evaluate(policyRequest, keyPolicy: trustPolicy, identityPolicies: caller.policies)
        guard decision.isAllowed else { throw denied }

        let chained = caller.principal.kind == .role
        let duration = request.durationSeconds ?? Self.defaultDuration
        if chained, duration > Self.chainedMaximumDuration {
            throw STSError.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
        }
        if duration > role.maxSessionDuration {
            throw STSError.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
        }
        let session = RoleSession(
            accessKeyID: "ASIA" + Self.base32(randomBytes(16)),
            secretAccessKey: Data(randomBytes(30)).base64EncodedString(),
            sessionToken: Data(randomBytes(96)).base64EncodedString(),
            expiration: Date(timeIntervalSince1970: TimeInterval(epoch + Int64(duration))),
            account: role.account, roleName: role.name, rolePath: role.path, roleID: role.roleID,
            sessionName: request.sessionName, chained: chained)
        try await sessions.add(session)
        return session
    }

    /// Upper-case base32 letters and digits, as AWS access key ids use.
    static func base32(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        return String(bytes.map { alphabet[Int($0) % alphabet.count] })
    }
}
