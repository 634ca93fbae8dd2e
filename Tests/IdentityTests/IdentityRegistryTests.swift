import AccessPolicy
import Foundation
import Testing
@testable import Identity

/// What the IAM API changes takes effect on the next lookup, and only once it is durable.
@Suite struct IdentityRegistryTests {
    static let account = AccountID("111122223333")!
    static let allowKMS = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}"#

    static func user(_ name: String, policies: [IAMInlinePolicy] = []) -> IAMUser {
        IAMUser(account: account, name: name, path: "/", userID: "AIDA\(name.uppercased())",
                createDate: Date(timeIntervalSince1970: 1_700_000_000), inlinePolicies: policies)
    }

    static func key(_ id: String, of user: IAMUser, active: Bool = true) -> IAMAccessKey {
        IAMAccessKey(id: id, secretAccessKey: "secret-\(id)", userARN: user.arn, userName: user.name, account: account,
                     isActive: active, createDate: Date(timeIntervalSince1970: 1_700_000_000))
    }

    /// A store that fails every write, as a full disk would.
    final class FailingStore: IAMStore {
        func load() async throws -> IAMSnapshot { IAMSnapshot() }
        func apply(_ changes: [IAMChange]) async throws { throw CancellationError() }
    }

    @Test func credentialsFollowUsersKeysAndPolicies() throws {
        var directory = try IdentityDirectory()
        let erin = Self.user("erin")
        directory.apply(.putUser(erin))
        directory.apply(.putAccessKey(Self.key("AKIAERIN000000000001", of: erin)))
        let credential = try #require(directory.credential(forAccessKeyID: "AKIAERIN000000000001"))
        #expect(credential.principal.arn == "arn:aws:iam::111122223333:user/erin")
        #expect(credential.policies.isEmpty)
        #expect(directory.userARN(named: "ERIN", in: Self.account) == erin.arn)

        directory.apply(.putUser(Self.user("erin", policies: [.init(name: "kms", document: Self.allowKMS)])))
        #expect(directory.credential(forAccessKeyID: "AKIAERIN000000000001")?.policies.count == 1)

        directory.apply(.putAccessKey(Self.key("AKIAERIN000000000001", of: erin, active: false)))
        #expect(directory.credential(forAccessKeyID: "AKIAERIN000000000001") == nil)
        #expect(directory.accessKeyExists("AKIAERIN000000000001"))

        directory.apply(.deleteAccessKey(Self.key("AKIAERIN000000000001", of: erin)))
        directory.apply(.deleteUser(erin))
        #expect(!directory.accessKeyExists("AKIAERIN000000000001"))
        #expect(directory.userARN(named: "erin", in: Self.account) == nil)
        #expect(!directory.principalARNs.contains(erin.arn))
    }

    @Test func writesReachTheStoreBeforeTheyAreVisibleAndReloadAfterRestart() async throws {
        let store = InMemoryIAMStore()
        let registry = try await IdentityRegistry(configured: try IdentityDirectory(), store: store)
        let erin = Self.user("erin", policies: [.init(name: "kms", document: Self.allowKMS)])
        try await registry.write { _ in ((), [IAMChange.putUser(erin), .putAccessKey(Self.key("AKIAERIN000000000002", of: erin))]) }
        #expect(registry.credential(forAccessKeyID: "AKIAERIN000000000002")?.policies.count == 1)
        let reloaded = try await IdentityRegistry(configured: try IdentityDirectory(), store: store)
        #expect(reloaded.credential(forAccessKeyID: "AKIAERIN000000000002")?.principal.arn == erin.arn)
    }

    @Test func aFailedWriteChangesNothing() async throws {
        let registry = try await IdentityRegistry(configured: try IdentityDirectory(), store: FailingStore())
        let erin = Self.user("erin")
        await #expect(throws: CancellationError.self) {
            try await registry.write { _ in ((), [IAMChange.putUser(erin)]) }
        }
        #expect(registry.current.iamUsers.isEmpty)
        #expect(registry.current.userARN(named: "erin", in: Self.account) == nil)
    }

    static func allow(_ action: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"\#(action)","Resource":"*"}]}"#
    }

    /// The actions among `actions` the credential's policies allow on `*`.
    static func allowed(_ directory: IdentityDirectory, _ accessKey: String, _ actions: [String]) throws -> Set<String> {
        let credential = try #require(directory.credential(forAccessKeyID: accessKey))
        return Set(actions.filter { action in
            let request = PolicyRequest(principal: credential.policyPrincipal, action: action, resource: "*")
            return credential.policies.contains { if case .allow = $0.evaluate(request) { true } else { false } }
        })
    }

    static let actions = ["kms:ListKeys", "kms:Encrypt", "kms:Decrypt", "kms:CreateKey"]

    static func policy(_ name: String, _ action: String) -> IAMManagedPolicy {
        IAMManagedPolicy(account: account, name: name, path: "/", policyID: "ANPA\(name.uppercased())", description: nil,
                         document: allow(action), createDate: Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test func groupsAndManagedPoliciesChangeWhatMembersMay() throws {
        var directory = try IdentityDirectory()
        let erin = Self.user("erin")
        directory.apply(.putUser(erin))
        directory.apply(.putAccessKey(Self.key("AKIAERIN000000000003", of: erin)))
        let encrypt = Self.policy("encrypt", "kms:Encrypt")
        var decrypt = Self.policy("decrypt", "kms:Decrypt")
        directory.apply(.putPolicy(encrypt))
        directory.apply(.putPolicy(decrypt))
        var group = IAMGroup(account: Self.account, name: "team", path: "/", groupID: "AGPATEAM",
                             createDate: Date(timeIntervalSince1970: 1_700_000_000),
                             inlinePolicies: [.init(name: "list", document: Self.allow("kms:ListKeys"))],
                             attachedPolicies: [encrypt.arn])
        directory.apply(.putGroup(group))
        #expect(try Self.allowed(directory, "AKIAERIN000000000003", Self.actions).isEmpty)

        group.members = [erin.arn]
        directory.apply(.putGroup(group))
        #expect(directory.groups(of: erin.arn) == [group.arn])
        #expect(try Self.allowed(directory, "AKIAERIN000000000003", Self.actions) == ["kms:ListKeys", "kms:Encrypt"])

        var attached = erin
        attached.attachedPolicies = [decrypt.arn]
        directory.apply(.putUser(attached))
        #expect(try Self.allowed(directory, "AKIAERIN000000000003", Self.actions) == ["kms:ListKeys", "kms:Encrypt", "kms:Decrypt"])
        #expect(Set(directory.entities(attachedTo: decrypt.arn)) == [erin.arn])

        // A new default version is in force at once for everyone the policy is attached to.
        decrypt.versions.append(.init(id: "v2", document: Self.allow("kms:CreateKey"), createDate: decrypt.createDate))
        decrypt.defaultVersionID = "v2"
        directory.apply(.putPolicy(decrypt))
        #expect(try Self.allowed(directory, "AKIAERIN000000000003", Self.actions) == ["kms:ListKeys", "kms:Encrypt", "kms:CreateKey"])

        group.members = []
        directory.apply(.putGroup(group))
        #expect(directory.groups(of: erin.arn).isEmpty)
        #expect(try Self.allowed(directory, "AKIAERIN000000000003", Self.actions) == ["kms:CreateKey"])
        directory.apply(.deleteGroup(group))
        #expect(directory.arn(of: .group, named: "TEAM", in: Self.account) == nil)
    }

    @Test func groupsAndPoliciesReloadBeforeTheUsersThatNeedThem() async throws {
        let store = InMemoryIAMStore()
        let registry = try await IdentityRegistry(configured: try IdentityDirectory(), store: store)
        var erin = Self.user("erin")
        let encrypt = Self.policy("encrypt", "kms:Encrypt")
        let group = IAMGroup(account: Self.account, name: "team", path: "/", groupID: "AGPATEAM",
                             createDate: Date(timeIntervalSince1970: 1_700_000_000), attachedPolicies: [encrypt.arn],
                             members: [erin.arn])
        erin.attachedPolicies = [encrypt.arn]
        try await registry.write { _ in
            ((), [IAMChange.putUser(erin), .putAccessKey(Self.key("AKIAERIN000000000004", of: erin)), .putPolicy(encrypt),
                  .putGroup(group)])
        }
        let reloaded = try await IdentityRegistry(configured: try IdentityDirectory(), store: store)
        #expect(reloaded.credential(forAccessKeyID: "AKIAERIN000000000004")?.policies.count == 2)
        #expect(try Self.allowed(reloaded.current, "AKIAERIN000000000004", Self.actions) == ["kms:Encrypt"])
    }
}
