import AccessPolicy
import ArcaTestSupport
import Foundation
import Testing
@testable import Identity

/// AssumeRole as AWS decides it: the trust policy is the role's resource-based policy, the
/// caller's IAM policy counts where the trust policy names the account, root cannot assume roles.
@Suite struct SecurityTokenServiceTests {
    static let account = "111122223333"
    static let other = "444455556666"
    static let allowAssume = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#

    static func trust(_ principal: String, condition: String = "") -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(principal)"},"Action":"sts:AssumeRole"\#(condition)}]}"#
    }

    static func configuration() -> IdentityConfiguration {
        func key(_ id: String) -> IdentityConfiguration.AccessKey { .init(accessKeyId: id, secretAccessKey: "\(id)-secret") }
        return IdentityConfiguration(accounts: [
            .init(id: AccountID(account)!, rootAccessKeys: [key("ROOT")], users: [
                .init(name: "alice", accessKeys: [key("ALICE")]),
                .init(name: "bob", accessKeys: [key("BOB")], policies: [.init(name: "assume", document: allowAssume)]),
                .init(name: "carol", accessKeys: [key("CAROL")]),
            ], roles: [
                .init(name: "by-name", policies: [.init(name: "kms", document: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}"#)],
                      assumeRolePolicy: trust("arn:aws:iam::\(account):user/alice")),
                .init(name: "by-account", path: "/team/", policies: [.init(name: "assume", document: allowAssume)],
                      assumeRolePolicy: trust("arn:aws:iam::\(account):root"), maxSessionDuration: 7200),
                .init(name: "for-other", assumeRolePolicy: trust(other)),
                .init(name: "session-named", assumeRolePolicy: trust("arn:aws:iam::\(account):user/alice",
                                                                     condition: #","Condition":{"StringEquals":{"sts:RoleSessionName":"ci"}}"#)),
                .init(name: "untrusting"),
            ]),
            .init(id: AccountID(other)!, users: [
                .init(name: "dave", accessKeys: [key("DAVE")], policies: [.init(name: "assume", document: allowAssume)]),
                .init(name: "erin", accessKeys: [key("ERIN")]),
            ]),
        ])
    }

    struct Fixture {
        let clock = ManualClock()
        let random = SeededRandom(seed: "sts")
        let store = InMemorySessionStore()
        let sts: SecurityTokenService

        init() async throws {
            let clock = self.clock, random = self.random
            sts = SecurityTokenService(
                identities: try await IdentityRegistry(
                    configured: try IdentityDirectory(configuration: SecurityTokenServiceTests.configuration()),
                    store: InMemoryIAMStore()),
                sessions: try await SessionRegistry(store: store, now: clock.now),
                now: { clock.now }, randomBytes: { random.bytes($0) })
        }

        func assume(_ accessKey: String, _ role: String, session: String = "s1", duration: Int? = nil,
                    account: String = SecurityTokenServiceTests.account) async throws -> RoleSession {
            let caller = try #require(sts.credential(forAccessKeyID: accessKey))
            return try await sts.assumeRole(.init(roleARN: "arn:aws:iam::\(account):role/\(role)", sessionName: session,
                                                 durationSeconds: duration), caller: caller.caller, sourceIP: nil, region: "us-east-1")
        }
    }

    func expectSTSError(_ code: String, message: String? = nil, _ body: () async throws -> some Any) async {
        do {
            _ = try await body()
            Issue.record("expected \(code)")
        } catch let error as STSError {
            #expect(error.awsErrorType == code)
            if let message { #expect(error.message == message) }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func trustPolicyNamingTheUserSufficesInTheRolesAccount() async throws {
        let fixture = try await Fixture()
        let session = try await fixture.assume("ALICE", "by-name")
        #expect(session.accessKeyID.hasPrefix("ASIA") && session.accessKeyID.count == 20)
        #expect(session.assumedRoleARN == "arn:aws:sts::111122223333:assumed-role/by-name/s1")
        #expect(session.expiration == fixture.clock.now.addingTimeInterval(3600))
        let credential = try #require(fixture.sts.credential(forAccessKeyID: session.accessKeyID))
        #expect(credential.principal.arn == session.assumedRoleARN)
        #expect(credential.policyPrincipal.kind == .assumedRole)
        #expect(credential.policyPrincipal.roleARN == "arn:aws:iam::111122223333:role/by-name")
        #expect(credential.policies.count == 1)
        #expect(credential.session?.token == session.sessionToken)
        #expect(credential.principal.userID.hasPrefix("AROA") && credential.principal.userID.hasSuffix(":s1"))
    }

    @Test func trustPolicyNamingTheAccountNeedsAnIAMPolicy() async throws {
        let fixture = try await Fixture()
        let session = try await fixture.assume("BOB", "team/by-account", duration: 7200)
        #expect(session.roleARN == "arn:aws:iam::111122223333:role/team/by-account")
        await expectSTSError("AccessDenied", message: "User: arn:aws:iam::111122223333:user/carol is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/team/by-account") {
            try await fixture.assume("CAROL", "team/by-account")
        }
        // Alice is named by another role's trust policy, not this one, and has no IAM policy.
        await expectSTSError("AccessDenied") { try await fixture.assume("ALICE", "team/by-account") }
    }

    @Test func crossAccountNeedsTheTrustPolicyAndTheCallersIAMPolicy() async throws {
        let fixture = try await Fixture()
        _ = try await fixture.assume("DAVE", "for-other")
        await expectSTSError("AccessDenied") { try await fixture.assume("ERIN", "for-other") }
        await expectSTSError("AccessDenied") { try await fixture.assume("DAVE", "by-name") }
    }

    @Test func rootCannotAssumeRolesAndUntrustingOrUnknownRolesRefuseEveryone() async throws {
        let fixture = try await Fixture()
        await expectSTSError("AccessDenied", message: "Roles may not be assumed by root accounts.") {
            try await fixture.assume("ROOT", "by-name")
        }
        await expectSTSError("AccessDenied") { try await fixture.assume("BOB", "untrusting") }
        await expectSTSError("AccessDenied") { try await fixture.assume("BOB", "nonexistent") }
    }

    @Test func trustPolicyConditionsSeeTheSessionName() async throws {
        let fixture = try await Fixture()
        _ = try await fixture.assume("ALICE", "session-named", session: "ci")
        await expectSTSError("AccessDenied") { try await fixture.assume("ALICE", "session-named", session: "laptop") }
    }

    @Test func durationIsBoundedByTheRoleAndByRoleChaining() async throws {
        let fixture = try await Fixture()
        await expectSTSError("ValidationError", message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.") {
            try await fixture.assume("ALICE", "by-name", duration: 3601)
        }
        let first = try await fixture.assume("BOB", "team/by-account", duration: 7200)
        #expect(first.expiration == fixture.clock.now.addingTimeInterval(7200))
        // The session's role allows sts:AssumeRole, but a chained session is limited to an hour.
        await expectSTSError("ValidationError", message: "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.") {
            try await fixture.assume(first.accessKeyID, "team/by-account", duration: 7200)
        }
        let chained = try await fixture.assume(first.accessKeyID, "team/by-account", session: "s2")
        #expect(chained.chained)
        // A session of by-name (kms:* only) may not assume anything.
        let kmsOnly = try await fixture.assume("ALICE", "by-name")
        await expectSTSError("AccessDenied") { try await fixture.assume(kmsOnly.accessKeyID, "team/by-account") }
    }

    @Test func sessionsSurviveAReloadUntilTheyExpire() async throws {
        let fixture = try await Fixture()
        let short = try await fixture.assume("ALICE", "by-name", session: "short", duration: 900)
        let long = try await fixture.assume("ALICE", "by-name", session: "long", duration: 3600)
        fixture.clock.advance(by: 1800)
        let reloaded = try await SessionRegistry(store: fixture.store, now: fixture.clock.now)
        #expect(reloaded.session(forAccessKeyID: short.accessKeyID) == nil)
        #expect(reloaded.session(forAccessKeyID: long.accessKeyID) == long)
        #expect(try await fixture.store.load().map(\.accessKeyID) == [long.accessKeyID])
    }
}
