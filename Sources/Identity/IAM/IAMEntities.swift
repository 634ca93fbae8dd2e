import Foundation


/// An IAM user created through the IAM API (users declared in the config file are read-only).
public struct IAMUser: Sendable, Equatable, Codable {
    public var account: AccountID
    public var name: String
    public var path: String
    /// The unique id (`AIDA…`) `aws:userid` reports.
    public var userID: String
    public var createDate: Date
    /// Inline policies, in the order they were first put.
    public var inlinePolicies: [IAMInlinePolicy]
    /// The ARNs of the managed policies attached to the user, in the order they were attached.
    public var attachedPolicies: [String]

    public init(account: AccountID, name: String, path: String, userID: String, createDate: Date,
                inlinePolicies: [IAMInlinePolicy] = [], attachedPolicies: [String] = []) {
        self.account = account
        self.name = name
        self.path = path
        self.userID = userID
        self.createDate = createDate
        self.inlinePolicies = inlinePolicies
        self.attachedPolicies = attachedPolicies
    }

    /// Reads records stored before managed policies existed as users without attachments.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(account: try container.decode(AccountID.self, forKey: .account),
                  name: try container.decode(String.self, forKey: .name),
                  path: try container.decode(String.self, forKey: .path),
                  userID: try container.decode(String.self, forKey: .userID),
                  createDate: try container.decode(Date.self, forKey: .createDate),
                  inlinePolicies: try container.decode([IAMInlinePolicy].self, forKey: .inlinePolicies),
                  attachedPolicies: try container.decodeIfPresent([String].self, forKey: .attachedPolicies) ?? [])
    }

    public var principal: Principal { .user(name, path: path, in: account, userID: userID) }
    public var arn: String { principal.arn }
}

/// An IAM role created through the IAM API (roles declared in the config file are read-only).
public struct IAMRole: Sendable, Equatable, Codable {
    public var account: AccountID
    public var name: String
    public var path: String
    /// The unique id (`AROA…`).
    public var roleID: String
    public var createDate: Date
    /// The trust policy (`AssumeRolePolicyDocument`) as the caller sent it.
    public var trustPolicy: String
    public var description: String?
    public var maxSessionDuration: Int
    public var inlinePolicies: [IAMInlinePolicy]
    /// The ARNs of the managed policies attached to the role, in the order they were attached.
    public var attachedPolicies: [String]

    public init(account: AccountID, name: String, path: String, roleID: String, createDate: Date, trustPolicy: String,
                description: String?, maxSessionDuration: Int, inlinePolicies: [IAMInlinePolicy] = [],
                attachedPolicies: [String] = []) {
        self.account = account
        self.name = name
        self.path = path
        self.roleID = roleID
        self.createDate = createDate
        self.trustPolicy = trustPolicy
        self.description = description
        self.maxSessionDuration = maxSessionDuration
        self.inlinePolicies = inlinePolicies
        self.attachedPolicies = attachedPolicies
    }

    /// Reads records stored before managed policies existed as roles without attachments.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(account: try container.decode(AccountID.self, forKey: .account),
                  name: try container.decode(String.self, forKey: .name),
                  path: try container.decode(String.self, forKey: .path),
                  roleID: try container.decode(String.self, forKey: .roleID),
                  createDate: try container.decode(Date.self, forKey: .createDate),
                  trustPolicy: try container.decode(String.self, forKey: .trustPolicy),
                  description: try container.decodeIfPresent(String.self, forKey: .description),
                  maxSessionDuration: try container.decode(Int.self, forKey: .maxSessionDuration),
                  inlinePolicies: try container.decode([IAMInlinePolicy].self, forKey: .inlinePolicies),
                  attachedPolicies: try container.decodeIfPresent([String].self, forKey: .attachedPolicies) ?? [])
    }

    public var arn: String { "arn:aws:iam::\(account):role\(path)\(name)" }
}

/// An IAM group: its inline and attached policies apply to every member. A group is not a
/// principal: "You cannot identify a user group as a Principal in a policy" (IAM User Guide).
///
/// Groups of the config file are represented the same way but are read-only to the API.
public struct IAMGroup: Sendable, Equatable, Codable {
    public var account: AccountID
    public var name: String
    public var path: String
    /// The unique id (`AGPA…`).
    public var groupID: String
    public var createDate: Date
    public var inlinePolicies: [IAMInlinePolicy]
    public var attachedPolicies: [String]
    /// The ARNs of the member users, in the order they were added.
    public var members: [String]

    public init(account: AccountID, name: String, path: String, groupID: String, createDate: Date,
                inlinePolicies: [IAMInlinePolicy] = [], attachedPolicies: [String] = [], members: [String] = []) {
        self.account = account
        self.name = name
        self.path = path
        self.groupID = groupID
        self.createDate = createDate
        self.inlinePolicies = inlinePolicies
        self.attachedPolicies = attachedPolicies
        self.members = members
    }

    public var arn: String { "arn:aws:iam::\(account):group\(path)\(name)" }
}

/// A customer managed policy: a standalone identity-based policy with up to five versions, one of
/// them the default, which is the one in force ("Versioning IAM policies", IAM User Guide).
///
/// Managed policies of the config file are represented the same way but are read-only to the API.
public struct IAMManagedPolicy: Sendable, Equatable, Codable {
    public struct Version: Sendable, Equatable, Codable {
        /// `v1`, `v2`, …: numbers are never reused.
        public var id: String
        public var document: String
        public var createDate: Date

        public init(id: String, document: String, createDate: Date) {
            self.id = id
            self.document = document
            self.createDate = createDate
        }
    }

    public var account: AccountID
    public var name: String
    public var path: String
    /// The unique id (`ANPA…`).
    public var policyID: String
    public var description: String?
    public var createDate: Date
    public var updateDate: Date
    /// Oldest first.
    public var versions: [Version]
    public var defaultVersionID: String
    /// The number the next version gets.
    public var nextVersion: Int

    public init(account: AccountID, name: String, path: String, policyID: String, description: String?,
                document: String, createDate: Date) {
        self.account = account
        self.name = name
        self.path = path
        self.policyID = policyID
        self.description = description
        self.createDate = createDate
        self.updateDate = createDate
        self.versions = [Version(id: "v1", document: document, createDate: createDate)]
        self.defaultVersionID = "v1"
        self.nextVersion = 2
    }

    public var arn: String { "arn:aws:iam::\(account):policy\(path)\(name)" }

    /// The version in force.
    public var defaultVersion: Version {
        versions.first { $0.id == defaultVersionID } ?? versions[versions.count - 1]
    }
}

/// An inline identity-based policy: a name and its JSON document as the caller sent it.
public struct IAMInlinePolicy: Sendable, Equatable, Codable {
    public var name: String
    public var document: String

    public init(name: String, document: String) {
        self.name = name
        self.document = document
    }
}

/// An access key of an IAM user created through the API.
///
/// - Important: the secret is stored only wrapped under the root key and returned only once, by
///   CreateAccessKey.
public struct IAMAccessKey: Sendable, Equatable, Codable {
    public var id: String
    public var secretAccessKey: String
    public var userARN: String
    public var userName: String
    public var account: AccountID
    public var isActive: Bool
    public var createDate: Date

    public init(id: String, secretAccessKey: String, userARN: String, userName: String, account: AccountID,
                isActive: Bool, createDate: Date) {
        self.id = id
        self.secretAccessKey = secretAccessKey
        self.userARN = userARN
        self.userName = userName
        self.account = account
        self.isActive = isActive
        self.createDate = createDate
    }
}
