/// The accounts, users, roles and access keys an operator declares in the config file.
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
///     roles:
///       - name: admin
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

        public init(id: AccountID, rootAccessKeys: [AccessKey]? = nil, users: [User]? = nil, roles: [Role]? = nil) {
            self.id = id
            self.rootAccessKeys = rootAccessKeys
            self.users = users
            self.roles = roles
        }
    }

    public struct User: Codable, Sendable, Equatable {
        public var name: String
        public var path: String?
        public var accessKeys: [AccessKey]?

        public init(name: String, path: String? = nil, accessKeys: [AccessKey]? = nil) {
            self.name = name
            self.path = path
            self.accessKeys = accessKeys
        }
    }

    public struct Role: Codable, Sendable, Equatable {
        public var name: String
        public var path: String?

        public init(name: String, path: String? = nil) {
            self.name = name
            self.path = path
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
