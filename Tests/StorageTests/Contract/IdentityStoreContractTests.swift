import ArcaTestSupport
import Foundation
import Identity
@testable import Storage
import Testing

/// What every ``IAMStore`` and ``SessionStore`` promises, run against every engine.
@Suite struct IdentityStoreContractTests {
    typealias F = ContractFixtures

    static let user = IAMUser(account: F.account, name: "erin", path: "/", userID: "AIDAERIN", createDate: F.epoch,
                              inlinePolicies: [.init(name: "p", document: "{}")],
                              attachedPolicies: ["arn:aws:iam::111122223333:policy/p"])
    static let accessKey = IAMAccessKey(id: "AKIAERIN000000000001", secretAccessKey: "erin-secret", userARN: user.arn,
                                        userName: user.name, account: F.account, isActive: true, createDate: F.epoch)
    static let role = IAMRole(account: F.account, name: "app", path: "/service/", roleID: "AROAAPP", createDate: F.epoch,
                              trustPolicy: "{}", description: "d", maxSessionDuration: 3600, attachedPolicies: ["arn:x"])
    static let group = IAMGroup(account: F.account, name: "team", path: "/t/", groupID: "AGPATEAM", createDate: F.epoch,
                                attachedPolicies: ["arn:x"], members: [user.arn])
    static let policy = IAMManagedPolicy(account: F.account, name: "p", path: "/", policyID: "ANPAP", description: nil,
                                         document: "{}", createDate: F.epoch)

    @Test(arguments: StoreEngine.allCases)
    func everyKindOfIAMEntityIsStoredReplacedAndDeleted(engine: StoreEngine) async throws {
        let database = engine.makeDatabase()
        try await database.session { stores in
            try await stores.iam.apply([.putUser(Self.user), .putAccessKey(Self.accessKey), .putRole(Self.role),
                                        .putGroup(Self.group), .putPolicy(Self.policy)])
        }
        let stored = try await database.session { try await $0.iam.load() }
        #expect(stored.users == [Self.user] && stored.accessKeys == [Self.accessKey] && stored.roles == [Self.role])
        #expect(stored.groups == [Self.group] && stored.policies == [Self.policy])

        var inactive = Self.accessKey
        inactive.isActive = false
        var renamed = Self.role
        renamed.description = "replaced"
        var versioned = Self.policy
        versioned.versions.append(.init(id: "v2", document: #"{"v":2}"#, createDate: F.epoch))
        versioned.defaultVersionID = "v2"
        versioned.nextVersion = 3
        try await database.session { stores in
            try await stores.iam.apply([.putAccessKey(inactive), .putRole(renamed), .putPolicy(versioned), .deleteGroup(Self.group)])
        }
        let replaced = try await database.session { try await $0.iam.load() }
        #expect(replaced.accessKeys == [inactive] && replaced.roles == [renamed] && replaced.policies == [versioned])
        #expect(replaced.groups.isEmpty && replaced.users == [Self.user])

        try await database.session { stores in
            try await stores.iam.apply([.deleteAccessKey(inactive), .deleteUser(Self.user), .deleteRole(renamed), .deletePolicy(versioned)])
        }
        let emptied = try await database.session { try await $0.iam.load() }
        #expect(emptied.users.isEmpty && emptied.accessKeys.isEmpty && emptied.roles.isEmpty && emptied.policies.isEmpty)
    }

    @Test(arguments: StoreEngine.allCases)
    func sessionsAreStoredWithTheirSecretsAndDeleted(engine: StoreEngine) async throws {
        let database = engine.makeDatabase()
        let sessions = (1...4).map { F.session($0) }
        try await database.session { stores in
            for session in sessions { try await stores.sessions.save(session) }
        }
        let loaded = try await database.session { try await $0.sessions.load() }
        #expect(loaded.sorted { $0.accessKeyID < $1.accessKeyID } == sessions)

        try await database.session { try await $0.sessions.delete(accessKeyIDs: [sessions[0].accessKeyID, sessions[2].accessKeyID]) }
        let remaining = try await database.session { try await $0.sessions.load() }
        #expect(remaining.sorted { $0.accessKeyID < $1.accessKeyID } == [sessions[1], sessions[3]])
    }
}
