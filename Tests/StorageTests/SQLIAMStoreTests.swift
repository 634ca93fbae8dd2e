import ArcaTestSupport
import Foundation
import Identity
import Logging
import SQLKit
import Testing
@testable import Storage

/// What the IAM API creates survives reopening the database, access key secrets never reach it
/// unwrapped, and records written before a field existed still load.
@Suite struct SQLIAMStoreTests {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("arca-iam-\(UUID().uuidString).sqlite").path
    let random = SeededRandom(seed: "iam-store-tests")
    let rootKey = try! RootKey(bytes: [UInt8](repeating: 7, count: 32))
    static let account = AccountID("111122223333")!
    static let created = Date(timeIntervalSince1970: 1_700_000_000)

    func withStore<T>(_ body: (SQLIAMStore, SQLiteDatabase) async throws -> T) async throws -> T {
        let database = try await SQLiteDatabase.open(path: path, logger: Logger(label: "test"))
        do {
            let result = try await body(SQLIAMStore(database: database, rootKey: rootKey, randomBytes: { random.bytes($0) }), database)
            try await database.close()
            return result
        } catch {
            try? await database.close()
            throw error
        }
    }

    @Test func everyKindOfEntitySurvivesReopening() async throws {
        let user = IAMUser(account: Self.account, name: "erin", path: "/", userID: "AIDAERIN", createDate: Self.created,
                           inlinePolicies: [.init(name: "p", document: "{}")], attachedPolicies: ["arn:aws:iam::111122223333:policy/p"])
        let key = IAMAccessKey(id: "AKIAERIN000000000001", secretAccessKey: "very-secret-value", userARN: user.arn,
                               userName: user.name, account: Self.account, isActive: true, createDate: Self.created)
        let role = IAMRole(account: Self.account, name: "app", path: "/", roleID: "AROAAPP", createDate: Self.created,
                           trustPolicy: "{}", description: "d", maxSessionDuration: 3600, attachedPolicies: ["arn:x"])
        let group = IAMGroup(account: Self.account, name: "team", path: "/t/", groupID: "AGPATEAM", createDate: Self.created,
                             attachedPolicies: ["arn:x"], members: [user.arn])
        var policy = IAMManagedPolicy(account: Self.account, name: "p", path: "/", policyID: "ANPAP", description: nil,
                                      document: "{}", createDate: Self.created)
        policy.versions.append(.init(id: "v2", document: #"{"v":2}"#, createDate: Self.created))
        policy.defaultVersionID = "v2"
        policy.nextVersion = 3
        try await withStore { store, _ in
            try await store.apply([.putUser(user), .putAccessKey(key), .putRole(role), .putGroup(group), .putPolicy(policy)])
        }
        let snapshot = try await withStore { store, _ in try await store.load() }
        #expect(snapshot.users == [user])
        #expect(snapshot.accessKeys == [key])
        #expect(snapshot.roles == [role])
        #expect(snapshot.groups == [group])
        #expect(snapshot.policies == [policy])
        for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            let raw = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(raw.range(of: Data("very-secret-value".utf8)) == nil)
        }

        try await withStore { store, _ in try await store.apply([.deleteGroup(group), .deletePolicy(policy)]) }
        let after = try await withStore { store, _ in try await store.load() }
        #expect(after.groups.isEmpty && after.policies.isEmpty && after.users == [user])
    }

    @Test func usersAndRolesStoredBeforeManagedPoliciesLoadWithoutAttachments() async throws {
        let user = #"{"account":"111122223333","name":"old","path":"/","userID":"AIDAOLD","createDate":0,"inlinePolicies":[]}"#
        let role = #"{"account":"111122223333","name":"old","path":"/","roleID":"AROAOLD","createDate":0,"trustPolicy":"{}","maxSessionDuration":3600,"inlinePolicies":[]}"#
        try await withStore { _, database in
            try await database.transaction { database in
                try await database.raw("INSERT INTO iam_users (arn, record) VALUES ('arn:aws:iam::111122223333:user/old', \(bind: user))").run()
                try await database.raw("INSERT INTO iam_roles (arn, record) VALUES ('arn:aws:iam::111122223333:role/old', \(bind: role))").run()
            }
        }
        let snapshot = try await withStore { store, _ in try await store.load() }
        #expect(snapshot.users.map(\.attachedPolicies) == [[]])
        #expect(snapshot.roles.map(\.attachedPolicies) == [[]])
        #expect(snapshot.roles.first?.description == nil)
    }
}
