/// The accounts, users, groups, roles, customer managed policies and access keys an operator
/// declares in the config file.
///
/// ```yaml
/// accounts:
///   - id: "111111111111"
///     rootAccessKeys:
///       - { accessKeyId: AKIAOTHERACCOUNT111, secretAccessKey: other-secret }
///     users:
///       - name: alice
///         accessKeys:
///           - { accessKeyId: AKIAALICE, secretAccessKey: alice-secret }
///         policies:
///           - name: use-keys
///             document: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}'
///         groups: [key-users]
///     groups:
///       - name: key-users
///         managedPolicies: [use-keys]
///     managedPolicies:
///       - name: use-keys
///         document: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:Encrypt","kms:Decrypt"],"Resource":"*"}]}'
///     roles:
///       - name: admin
///         assumeRolePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/alice"},"Action":"sts:AssumeRole"}]}'
///         maxSessionDuration: 3600
/// ```
public struct IdentityConfiguration: Codable, Sendable, Equatable {
    public var accounts: [Account]

    public init(accounts: [Account] = []) {
        self.accounts = accounts
    }

    public struct Account: Codable, Sendable, Equatable {
        public var id: AccountID
        public var rootAccessKeys: [AccessKey]?
        public var users: [User]?
        public var roles: [Role]?
        public var groups: [Group]?
        /// Customer managed policies, attached to users, groups and roles by name or ARN.
        public var managedPolicies: [ManagedPolicy]?

        public init(id: AccountID, rootAccessKeys: [AccessKey]? = nil, users: [User]? = nil, roles: [Role]? = nil,
                    groups: [Group]? = nil, managedPolicies: [ManagedPolicy]? = nil) {
            self.id = id
            self.rootAccessKeys = rootAccessKeys
            self.users = users
            self.roles = roles
            self.groups = groups
            self.managedPolicies = managedPolicies
        }
    }

    /// An IAM group: its policies apply to every user in it. A group is not a principal.
    public struct Group: Codable, Sendable, Equatable {
        public var name: String
        public var path: String?
        public var policies: [InlinePolicy]?
        public var managedPolicies: [String]?

        public init(name: String, path: String? = nil, policies: [InlinePolicy]? = nil, managedPolicies: [String]? = nil) {
            self.name = name
            self.path = path
            self.policies = policies
            self.managedPolicies = managedPolicies
        }
    }

    /// A customer managed policy: a named, standalone identity-based policy document.
    public struct ManagedPolicy: Codable, Sendable, Equatable {
        public var name: String
        public var path: String?
        public var document: String

        public init(name: String, path: String? = nil, document: String) {
            self.name = name
            self.path = path
            self.document = document
        }
    }

    public struct User: Codable, Sendable, Equatable {
        public var name: String
        public var path: String?
        public var accessKeys: [AccessKey]?
        /// Inline IAM policies of the user.
        public var policies: [InlinePolicy]?
        /// Managed policies attached to the user, by name (in the user's account) or ARN.
        public var managedPolicies: [String]?
        /// The groups the user is in, by name.
        public var groups: [String]?

        public init(name: String, path: String? = nil, accessKeys: [AccessKey]? = nil, policies: [InlinePolicy]? = nil,
                    managedPolicies: [String]? = nil, groups: [String]? = nil) {
            self.name = name
            self.path = path
            self.accessKeys = accessKeys
            self.policies = policies
            self.managedPolicies = managedPolicies
            self.groups = groups
        }
    }

    public struct Role: Codable, Sendable, Equatable {
        public var name: String
        public var path: String?
        /// Inline IAM policies of the role.
        public var policies: [InlinePolicy]?
        /// Managed policies attached to the role, by name (in the role's account) or ARN.
        public var managedPolicies: [String]?
        /// The trust policy (IAM's `AssumeRolePolicyDocument`): who may assume the role with STS
        /// `AssumeRole`. A role without one cannot be assumed.
        public var assumeRolePolicy: String?
        /// The longest session `AssumeRole` may grant, in seconds: 3600 (the default) to 43200.
        public var maxSessionDuration: Int?

        public init(name: String, path: String? = nil, policies: [InlinePolicy]? = nil, managedPolicies: [String]? = nil,
                    assumeRolePolicy: String? = nil, maxSessionDuration: Int? = nil) {
            self.name = name
            self.path = path
            self.policies = policies
            self.managedPolicies = managedPolicies
            self.assumeRolePolicy = assumeRolePolicy
            self.maxSessionDuration = maxSessionDuration
        }
    }

    /// An inline IAM (identity-based) policy: a name and a JSON policy document.
    public struct InlinePolicy: Codable, Sendable, Equatable {
        public var name: String
        public var document: String

        public init(name: String, document: String) {
            self.name = name
            self.document = document
        }
    }

    public struct AccessKey: Codable, Sendable, Equatable {
        public var accessKeyId: String
        public var secretAccessKey: String

        public init(accessKeyId: String, secretAccessKey: String) {
            self.accessKeyId = accessKeyId
            self.secretAccessKey = secretAccessKey
        }
    }
}
