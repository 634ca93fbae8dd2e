import AccessPolicy
import Foundation
import Identity
import ServiceCalls

/// The rules of customer managed policies: lookup by ARN, size, versions.
enum ManagedPolicies {
    /// "Managed policy size: 6,144 characters", white space not counted (IAM quotas).
    static let sizeLimit = 6144
    /// "Versions of a managed policy that can be stored: 5" (IAM quotas).
    static let versionLimit = 5

    /// Refuses a document that is not a valid identity-based policy or is too large.
    static func validate(_ document: String) throws(IAMError) {
        try InlinePolicies.validate(document)
        guard document.count(where: { !$0.isWhitespace }) <= sizeLimit else {
            throw IAMError(.limitExceeded, "Cannot exceed quota for PolicySize: \(sizeLimit)")
        }
    }

    static func notFound(_ arn: String) -> IAMError {
        IAMError(.noSuchEntity, "Policy \(arn) does not exist or is not attachable.")
    }

    static func versionNotFound(_ arn: String, _ version: String) -> IAMError {
        IAMError(.noSuchEntity, "Policy \(arn) version \(version) does not exist or is not attachable.")
    }

    /// Whether `arn` has the form of a policy ARN: `arn:<partition>:iam::<account or aws>:policy/…`.
    static func isPolicyARN(_ arn: String) -> Bool {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[3].isEmpty
            && (parts[4] == "aws" || AccountID(String(parts[4])) != nil) && parts[5].hasPrefix("policy/")
    }
}

extension IAMManagedPolicy {
    /// The policy as GetPolicy, CreatePolicy and ListPolicies answer it.
    func shape(attachmentCount: Int) -> Policy {
        Policy(policyName: name, policyId: policyID, arn: arn, path: path, defaultVersionId: defaultVersionID,
               attachmentCount: attachmentCount, permissionsBoundaryUsageCount: 0, isAttachable: true,
               description: description, createDate: createDate, updateDate: updateDate)
    }

    /// A version as GetPolicyVersion answers it: "The policy document returned in this structure
    /// is URL-encoded compliant with RFC 3986" (IAM API reference, PolicyVersion).
    func shape(of version: Version, withDocument: Bool) -> PolicyVersion {
        PolicyVersion(document: withDocument ? RFC3986.encode(version.document) : nil, versionId: version.id,
                      isDefaultVersion: version.id == defaultVersionID, createDate: version.createDate)
    }
}

extension IAMGroup {
    var shape: Group {
        Group(path: path, groupName: name, groupId: groupID, arn: arn, createDate: createDate)
    }
}

extension IdentityManagementService {
    /// Authorizes an action on a managed policy once its ARN is known to be valid and of the
    /// caller's account (Arca has no AWS managed policies: `NoSuchEntity` for those).
    func authorize(_ action: String, policyARN arn: String, context: CallContext) throws(IAMError) {
        guard ManagedPolicies.isPolicyARN(arn) else { throw IAMError(.invalidInput, "ARN \(arn) is not valid.") }
        guard arn.split(separator: ":", omittingEmptySubsequences: false)[4] == context.account.rawValue else {
            throw ManagedPolicies.notFound(arn)
        }
        try authorize(action, resource: arn, context: context)
    }

    /// A customer managed policy of the caller's account; `InvalidInput` for something that is not
    /// a policy ARN, `NoSuchEntity` for one that does not exist (AWS managed policies included).
    func managedPolicy(_ arn: String, in directory: IdentityDirectory? = nil,
                       context: CallContext) throws(IAMError) -> IAMManagedPolicy {
        guard ManagedPolicies.isPolicyARN(arn) else { throw IAMError(.invalidInput, "ARN \(arn) is not valid.") }
        guard let policy = (directory ?? identities.current).managedPolicies[arn], policy.account == context.account else {
            throw ManagedPolicies.notFound(arn)
        }
        return policy
    }

    /// A created managed policy, as the registry has it at the moment of writing; `UnmodifiableEntity`
    /// for one of the config file.
    func modifiablePolicy(_ arn: String, in directory: IdentityDirectory, context: CallContext) throws(IAMError) -> IAMManagedPolicy {
        let policy = try managedPolicy(arn, in: directory, context: context)
        guard !directory.declaredARNs.contains(arn) else { throw .declared("policy \(policy.name)") }
        return policy
    }

    /// How many users, roles and groups a managed policy is attached to.
    func attachmentCount(of arn: String, in directory: IdentityDirectory) -> Int {
        directory.entities(attachedTo: arn).count
    }

    /// A group of the caller's account by name, declared or created.
    func group(named name: String, context: CallContext) throws(IAMError) -> IAMGroup {
        let directory = identities.current
        guard let arn = directory.arn(of: .group, named: name, in: context.account), let group = directory.groups[arn] else {
            throw IAMGroup.notFound(name)
        }
        return group
    }

    /// A created group; `UnmodifiableEntity` for one of the config file.
    func modifiable(_ group: IAMGroup) throws(IAMError) -> IAMGroup {
        guard !identities.current.declaredARNs.contains(group.arn) else { throw .declared("group \(group.name)") }
        return group
    }
}
