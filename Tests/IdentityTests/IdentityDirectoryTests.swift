import AccessPolicy
import Testing
@testable import Identity

/// The configured identities: a user's effective IAM policies are their own inline and managed
/// policies plus those of their groups; groups are not principals.
@Suite struct IdentityDirectoryTests {
    static let account = "111122223333"

    static func allow(_ action: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"\#(action)","Resource":"*"}]}"#
    }

    static func configuration(groups: [IdentityConfiguration.Group] = [], users: [IdentityConfiguration.User] = [],
                              roles: [IdentityConfiguration.Role] = [],
                              managed: [IdentityConfiguration.ManagedPolicy] = []) -> IdentityConfiguration {
        IdentityConfiguration(accounts: [.init(id: AccountID(account)!, users: users, roles: roles, groups: groups,
                                               managedPolicies: managed)])
    }

    static func key(_ id: String) -> [IdentityConfiguration.AccessKey] { [.init(accessKeyId: id, secretAccessKey: "s")] }

    /// Whether the credential's IAM policies allow `action` on `*`.
    static func allows(_ directory: IdentityDirectory, _ accessKey: String, _ action: String) throws -> Bool {
        let credential = try #require(directory.credential(forAccessKeyID: accessKey))
        let request = PolicyRequest(principal: credential.policyPrincipal, action: action, resource: "*")
        return credential.policies.contains { policy in
            if case .allow = policy.evaluate(request) { return true }
            return false
        }
    }

    @Test func userGetsInlineManagedAndGroupPolicies() throws {
        let directory = try IdentityDirectory(configuration: Self.configuration(
            groups: [.init(name: "readers", policies: [.init(name: "describe", document: Self.allow("kms:DescribeKey"))],
                           managedPolicies: ["encrypt"])],
            users: [.init(name: "alice", accessKeys: Self.key("ALICE"), policies: [.init(name: "list", document: Self.allow("kms:ListKeys"))],
                          managedPolicies: ["arn:aws:iam::111122223333:policy/team/decrypt"], groups: ["readers"]),
                    .init(name: "bob", accessKeys: Self.key("BOB"))],
            managed: [.init(name: "encrypt", document: Self.allow("kms:Encrypt")),
                      .init(name: "decrypt", path: "/team/", document: Self.allow("kms:Decrypt"))]))
        for action in ["kms:ListKeys", "kms:Decrypt", "kms:DescribeKey", "kms:Encrypt"] {
            #expect(try Self.allows(directory, "ALICE", action), "\(action)")
            #expect(try !Self.allows(directory, "BOB", action), "\(action)")
        }
        #expect(try !Self.allows(directory, "ALICE", "kms:DisableKey"))
    }

    @Test func rolesTakeManagedPolicies() throws {
        let directory = try IdentityDirectory(configuration: Self.configuration(
            roles: [.init(name: "app", managedPolicies: ["encrypt"])],
            managed: [.init(name: "encrypt", document: Self.allow("kms:Encrypt"))]))
        #expect(directory.role(arn: "arn:aws:iam::111122223333:role/app") != nil)
        #expect(directory.principalARNs.contains("arn:aws:iam::111122223333:role/app"))
    }

    @Test func declaredGroupsAndPoliciesAreVisibleAndMarkedReadOnly() throws {
        let directory = try IdentityDirectory(configuration: Self.configuration(
            groups: [.init(name: "readers", path: "/team/", managedPolicies: ["encrypt"])],
            users: [.init(name: "alice", groups: ["readers"]), .init(name: "bob")],
            managed: [.init(name: "encrypt", document: Self.allow("kms:Encrypt"))]))
        let group = try #require(directory.groups["arn:aws:iam::111122223333:group/team/readers"])
        #expect(group.members == ["arn:aws:iam::111122223333:user/alice"])
        #expect(group.attachedPolicies == ["arn:aws:iam::111122223333:policy/encrypt"])
        #expect(directory.groups(of: "arn:aws:iam::111122223333:user/alice") == [group.arn])
        #expect(directory.groups(of: "arn:aws:iam::111122223333:user/bob").isEmpty)
        #expect(directory.declaredARNs == [group.arn, "arn:aws:iam::111122223333:policy/encrypt"])
        #expect(directory.entities(attachedTo: "arn:aws:iam::111122223333:policy/encrypt") == [group.arn])
        #expect(directory.managedPolicies["arn:aws:iam::111122223333:policy/encrypt"]?.defaultVersionID == "v1")
    }

    @Test func groupsAreNotPrincipals() throws {
        let directory = try IdentityDirectory(configuration: Self.configuration(groups: [.init(name: "readers")]))
        #expect(!directory.principalARNs.contains("arn:aws:iam::111122223333:group/readers"))
    }

    @Test(arguments: [
        (configuration(users: [.init(name: "alice", groups: ["nobody"])]),
         "arn:aws:iam::111122223333:user/alice is in group nobody, which is not declared"),
        (configuration(users: [.init(name: "alice", managedPolicies: ["missing"])]),
         "arn:aws:iam::111122223333:user/alice is attached to managed policy missing, which 111122223333 does not declare"),
        (configuration(groups: [.init(name: "g", managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"])]),
         "arn:aws:iam::111122223333:group/g is attached to managed policy arn:aws:iam::aws:policy/AdministratorAccess, which 111122223333 does not declare"),
        (configuration(groups: [.init(name: "g"), .init(name: "g")]), "group arn:aws:iam::111122223333:group/g is declared twice"),
        (configuration(managed: [.init(name: "p", document: allow("kms:Encrypt")), .init(name: "p", document: allow("kms:Decrypt"))]),
         "managed policy arn:aws:iam::111122223333:policy/p is declared twice"),
    ])
    func badReferencesStopTheConfiguration(_ configuration: IdentityConfiguration, _ message: String) {
        #expect(throws: IdentityConfigurationError(message: message)) { try IdentityDirectory(configuration: configuration) }
    }

    @Test func malformedManagedPolicyIsReported() {
        let configuration = Self.configuration(managed: [.init(name: "broken", document: #"{"Statement":[]"#)])
        do {
            _ = try IdentityDirectory(configuration: configuration)
            Issue.record("a malformed managed policy was accepted")
        } catch {
            #expect(error.message.hasPrefix("policy broken of arn:aws:iam::111122223333:policy/broken is malformed"))
        }
    }
}
