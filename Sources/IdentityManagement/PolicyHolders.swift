import AccessPolicy
import Identity
import ServiceCalls

/// A user, role or group as the IAM API changes its policies: the inline policies it holds and
/// the managed policies attached to it. One set of rules serves all three.
protocol PolicyHolder: Sendable {
    /// "user", "role" or "group", as IAM's messages name the entity.
    static var kind: String { get }
    /// The inline policies' total size limit (IAM quotas).
    static var inlineSizeLimit: Int { get }
    /// The quota on attached managed policies, as `LimitExceeded` names it.
    static var attachedQuotaName: String { get }

    var arn: String { get }
    var name: String { get }
    var inlinePolicies: [IAMInlinePolicy] { get set }
    var attachedPolicies: [String] { get set }
    /// The change that stores the entity as it is.
    var put: IAMChange { get }
    /// The entity as `directory` has it, if it still exists.
    static func current(_ arn: String, in directory: IdentityDirectory) -> Self?
}

extension PolicyHolder {
    static func notFound(_ name: String) -> IAMError {
        IAMError(.noSuchEntity, "The \(kind) with name \(name) cannot be found.")
    }
}

extension IAMUser: PolicyHolder {
    static let kind = "user"
    static let inlineSizeLimit = InlinePolicies.userSizeLimit
    static let attachedQuotaName = "PoliciesPerUser"
    var put: IAMChange { .putUser(self) }
    static func current(_ arn: String, in directory: IdentityDirectory) -> IAMUser? { directory.iamUsers[arn] }
}

extension IAMRole: PolicyHolder {
    static let kind = "role"
    static let inlineSizeLimit = InlinePolicies.roleSizeLimit
    static let attachedQuotaName = "PoliciesPerRole"
    var put: IAMChange { .putRole(self) }
    static func current(_ arn: String, in directory: IdentityDirectory) -> IAMRole? { directory.iamRoles[arn] }
}

extension IAMGroup: PolicyHolder {
    static let kind = "group"
    static let inlineSizeLimit = InlinePolicies.groupSizeLimit
    static let attachedQuotaName = "PoliciesPerGroup"
    var put: IAMChange { .putGroup(self) }

    static func current(_ arn: String, in directory: IdentityDirectory) -> IAMGroup? {
        directory.declaredARNs.contains(arn) ? nil : directory.groups[arn]
    }
}

extension IdentityManagementService {
    /// "Managed policies attached to an IAM user, group or role: 10" (IAM quotas, default).
    static let attachedPoliciesLimit = 10

    /// Changes a holder as the registry has it at the moment of writing, then stores it.
    func update<H: PolicyHolder>(_ holder: H, _ change: (inout H, IdentityDirectory) throws(IAMError) -> Void) async throws {
        try await identities.write { directory throws(IAMError) in
            guard var current = H.current(holder.arn, in: directory) else { throw H.notFound(holder.name) }
            try change(&current, directory)
            return ((), [current.put])
        }
    }

    /// Adds or replaces an inline policy; it applies from the next request on.
    func putInlinePolicy<H: PolicyHolder>(_ name: String, document: String, into holder: H) async throws {
        try InlinePolicies.validate(document)
        try await update(holder) { current, _ throws(IAMError) in
            current.inlinePolicies = try InlinePolicies.putting(
                IAMInlinePolicy(name: name, document: document), into: current.inlinePolicies,
                limit: H.inlineSizeLimit, owner: (H.kind, current.name))
        }
    }

    /// Deletes an inline policy; `NoSuchEntity` if the holder has none of that name.
    func deleteInlinePolicy<H: PolicyHolder>(_ name: String, from holder: H) async throws {
        try await update(holder) { current, _ throws(IAMError) in
            current.inlinePolicies = try InlinePolicies.removing(name, from: current.inlinePolicies, ownerKind: H.kind)
        }
    }

    /// Attaches a managed policy of the holder's account; attaching it again changes nothing.
    func attachPolicy<H: PolicyHolder>(_ policyARN: String, to holder: H, context: CallContext) async throws {
        try await update(holder) { current, directory throws(IAMError) in
            _ = try managedPolicy(policyARN, in: directory, context: context)
            guard !current.attachedPolicies.contains(policyARN) else { return }
            guard current.attachedPolicies.count < Self.attachedPoliciesLimit else {
                throw IAMError(.limitExceeded, "Cannot exceed quota for \(H.attachedQuotaName): \(Self.attachedPoliciesLimit)")
            }
            current.attachedPolicies.append(policyARN)
        }
    }

    /// Detaches a managed policy; `NoSuchEntity` if it is not attached.
    func detachPolicy<H: PolicyHolder>(_ policyARN: String, from holder: H) async throws {
        try await update(holder) { current, _ throws(IAMError) in
            guard let index = current.attachedPolicies.firstIndex(of: policyARN) else {
                throw IAMError(.noSuchEntity, "Policy \(policyARN) was not found.")
            }
            current.attachedPolicies.remove(at: index)
        }
    }

    /// The managed policies attached to a user, role or group, filtered by policy path.
    func attachedPolicies(of arn: String, pathPrefix: String?) -> [AttachedPolicy] {
        let directory = identities.current
        return directory.attachedPolicies(of: arn).compactMap { directory.managedPolicies[$0] }
            .filter { $0.path.hasPrefix(pathPrefix ?? "/") }
            .map { AttachedPolicy(policyName: $0.name, policyArn: $0.arn) }
    }
}
