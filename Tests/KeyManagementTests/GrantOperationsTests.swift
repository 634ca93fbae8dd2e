import ArcaTestSupport
import Foundation
import ServiceCalls
import Testing
@testable import KeyManagement

/// CreateGrant, ListGrants, ListRetirableGrants, RetireGrant and RevokeGrant, and grants in
/// authorization.
@Suite struct GrantOperationsTests {
    static let bobARN = "arn:aws:iam::111122223333:user/bob"
    static let carolARN = "arn:aws:iam::111122223333:user/carol"
    let bob = try! KMSTestHarness.user("bob")
    let carol = try! KMSTestHarness.user("carol")

    func keyAndHarness() async throws -> (KMSTestHarness, String) {
        let harness = try await KMSTestHarness()
        let keyID = try #require(try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata?.keyId)
        return (harness, keyID)
    }

    func grant(_ harness: KMSTestHarness, _ keyID: String, to grantee: String = bobARN,
               _ operations: [GrantOperation], constraints: GrantConstraints? = nil, retiring: String? = nil,
               name: String? = nil, as context: CallContext = KMSTestHarness.context()) async throws -> CreateGrantResponse {
        try await harness.call(CreateGrant.self, CreateGrantRequest(
            keyId: keyID, granteePrincipal: grantee, retiringPrincipal: retiring, operations: operations,
            constraints: constraints, name: name), as: context)
    }

    func encrypt(_ harness: KMSTestHarness, _ keyID: String, context: [String: String]? = nil,
                 as caller: CallContext) async throws -> Data {
        try #require(try await harness.call(Encrypt.self, EncryptRequest(
            keyId: keyID, plaintext: Data("secret".utf8), encryptionContext: context), as: caller).ciphertextBlob)
    }

    @Test func granteeGetsExactlyTheGrantedOperations() async throws {
        let (harness, keyID) = try await keyAndHarness()
        await expectKMSError(.accessDenied) { try await encrypt(harness, keyID, as: bob) }
        let response = try await grant(harness, keyID, [.encrypt])
        #expect(response.grantId?.count == 64)
        let blob = try await encrypt(harness, keyID, as: bob)
        await expectKMSError(.accessDenied) { try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: blob), as: bob) }
        await expectKMSError(.accessDenied) { try await encrypt(harness, keyID, as: carol) }
    }

    @Test func subsetConstraintFromTheGuide() async throws {
        let (harness, keyID) = try await keyAndHarness()
        let finance = ["Department": "Finance", "Classification": "Public"]
        _ = try await grant(harness, keyID, [.encrypt, .decrypt], constraints: GrantConstraints(encryptionContextSubset: finance))
        let blob = try await encrypt(harness, keyID, context: finance, as: bob)
        _ = try await encrypt(harness, keyID, context: finance.merging(["Customer": "12345"]) { $1 }, as: bob)
        await expectKMSError(.accessDenied) { try await encrypt(harness, keyID, context: ["Department": "Finance"], as: bob) }
        let plain = try await harness.call(Decrypt.self, DecryptRequest(ciphertextBlob: blob, encryptionContext: finance), as: bob)
        #expect(plain.plaintext == Data("secret".utf8))
    }

    @Test func grantWithCreateGrantOnlyCreatesNarrowerGrants() async throws {
        let (harness, keyID) = try await keyAndHarness()
        _ = try await grant(harness, keyID, [.encrypt, .decrypt, .createGrant],
                            constraints: GrantConstraints(encryptionContextSubset: ["app": "a"]))
        _ = try await grant(harness, keyID, to: Self.carolARN, [.encrypt],
                            constraints: GrantConstraints(encryptionContextSubset: ["app": "a", "tier": "1"]), as: bob)
        _ = try await grant(harness, keyID, to: Self.carolARN, [.decrypt],
                            constraints: GrantConstraints(encryptionContextEquals: ["app": "a"]), as: bob)
        await expectKMSError(.accessDenied) {
            try await grant(harness, keyID, to: Self.carolARN, [.encrypt, .reEncryptTo],
                            constraints: GrantConstraints(encryptionContextSubset: ["app": "a"]), as: bob)
        }
        await expectKMSError(.accessDenied) { try await grant(harness, keyID, to: Self.carolARN, [.encrypt], as: bob) }
        await expectKMSError(.accessDenied) {
            try await grant(harness, keyID, to: Self.carolARN, [.encrypt],
                            constraints: GrantConstraints(encryptionContextSubset: ["app": "b"]), as: bob)
        }
    }

    @Test func createGrantValidation() async throws {
        let (harness, keyID) = try await keyAndHarness()
        await expectKMSError(.validation, message: "Grants must not contain only the CreateGrant operation.") {
            try await grant(harness, keyID, [.createGrant])
        }
        await expectKMSError(.validation) { try await grant(harness, keyID, [.sign]) }
        await expectKMSError(.invalidArn) { try await grant(harness, keyID, to: "bob", [.encrypt]) }
        await expectKMSError(.validation) { try await grant(harness, keyID, to: "*", [.encrypt]) }
        await expectKMSError(.invalidArn) { try await grant(harness, keyID, [.encrypt], retiring: "arn:aws:iam::111122223333:group/devs") }
        await expectKMSError(.invalidArn) { try await grant(harness, keyID, to: "example.com", [.encrypt]) }
        _ = try await grant(harness, keyID, to: "sqs.amazonaws.com", [.encrypt], retiring: "sqs.amazonaws.com")
        await expectKMSError(.notFound) {
            _ = try await harness.call(CreateAlias.self, CreateAliasRequest(aliasName: "alias/k", targetKeyId: keyID))
            return try await grant(harness, "alias/k", [.encrypt])
        }
        let nine = Dictionary(uniqueKeysWithValues: (0..<9).map { ("k\($0)", "v") })
        await expectKMSError(.validation) { try await grant(harness, keyID, [.encrypt], constraints: GrantConstraints(encryptionContextSubset: nine)) }
        let long = String(repeating: "x", count: 385)
        await expectKMSError(.validation) { try await grant(harness, keyID, [.encrypt], constraints: GrantConstraints(encryptionContextEquals: ["k": long])) }
        #expect(harness.kms.ring.read { $0.grants.values.joined().count } == 1)
    }

    @Test func createGrantNeedsAnEnabledKey() async throws {
        let (harness, keyID) = try await keyAndHarness()
        _ = try await harness.call(DisableKey.self, DisableKeyRequest(keyId: keyID))
        await expectKMSError(.disabled) { try await grant(harness, keyID, [.encrypt]) }
        // Listing, retiring and revoking work in every state.
        _ = try await harness.call(ListGrants.self, ListGrantsRequest(keyId: keyID))
    }

    @Test func nameMakesCreateGrantIdempotentWithAFreshToken() async throws {
        let (harness, keyID) = try await keyAndHarness()
        let first = try await grant(harness, keyID, [.encrypt, .decrypt], name: "retry-me")
        let again = try await grant(harness, keyID, [.decrypt, .encrypt], name: "retry-me")
        #expect(again.grantId == first.grantId)
        #expect(again.grantToken != first.grantToken)
        let other = try await grant(harness, keyID, [.encrypt], name: "retry-me")
        #expect(other.grantId != first.grantId)
        let unnamed = try await grant(harness, keyID, [.encrypt, .decrypt])
        #expect(unnamed.grantId != first.grantId)
        let listed = try await harness.call(ListGrants.self, ListGrantsRequest(keyId: keyID)).grants ?? []
        #expect(listed.count == 3)
    }

    @Test func limitOf30GrantsPerGranteePerKey() async throws {
        let (harness, keyID) = try await keyAndHarness()
        for _ in 0..<30 { _ = try await grant(harness, keyID, [.encrypt]) }
        await expectKMSError(.limitExceeded) { try await grant(harness, keyID, [.encrypt]) }
        _ = try await grant(harness, keyID, to: Self.carolARN, [.encrypt])
    }

    @Test func limitOf2500GrantsPerKey() async throws {
        let (harness, keyID) = try await keyAndHarness()
        for index in 0..<2500 {
            _ = try await grant(harness, keyID, to: "arn:aws:iam::111122223333:user/u\(index / 30)", [.encrypt])
        }
        await expectKMSError(.limitExceeded) { try await grant(harness, keyID, to: "arn:aws:iam::111122223333:user/other", [.encrypt]) }
    }

    @Test func listGrantsFiltersAndPages() async throws {
        let (harness, keyID) = try await keyAndHarness()
        let created = try await [
            grant(harness, keyID, [.encrypt]), grant(harness, keyID, to: Self.carolARN, [.decrypt]),
            grant(harness, keyID, [.describeKey], constraints: GrantConstraints(encryptionContextSubset: ["a": "b"])),
        ]
        let all = try await harness.call(ListGrants.self, ListGrantsRequest(keyId: keyID))
        #expect(all.grants?.map(\.grantId) == created.map(\.grantId))
        #expect(all.truncated == false)
        let entry = try #require(all.grants?.first)
        #expect(entry.keyId == "arn:aws:kms:us-east-1:111122223333:key/\(keyID)")
        #expect(entry.issuingAccount == "arn:aws:iam::111122223333:root")
        #expect(entry.granteePrincipal == Self.bobARN)
        #expect(entry.operations == [.encrypt])
        let bobs = try await harness.call(ListGrants.self, ListGrantsRequest(keyId: keyID, granteePrincipal: Self.bobARN))
        #expect(bobs.grants?.count == 2)
        let one = try await harness.call(ListGrants.self, ListGrantsRequest(keyId: keyID, grantId: created[1].grantId))
        #expect(one.grants?.map(\.grantId) == [created[1].grantId])
        await expectKMSError(.invalidGrantId) {
            try await harness.call(ListGrants.self, ListGrantsRequest(keyId: keyID, grantId: String(repeating: "0", count: 64)))
        }
        let page1 = try await harness.call(ListGrants.self, ListGrantsRequest(limit: 2, keyId: keyID))
        #expect(page1.grants?.count == 2)
        #expect(page1.truncated == true)
        let page2 = try await harness.call(ListGrants.self, ListGrantsRequest(limit: 2, marker: page1.nextMarker, keyId: keyID))
        #expect(page2.grants?.map(\.grantId) == [created[2].grantId])
        await expectKMSError(.accessDenied) { try await harness.call(ListGrants.self, ListGrantsRequest(keyId: keyID), as: bob) }
    }

    @Test func retiringPrincipalGranteeWithRetireGrantAndTheAccountMayRetire() async throws {
        let (harness, keyID) = try await keyAndHarness()
        let byRetirer = try await grant(harness, keyID, [.encrypt], retiring: Self.carolARN)
        let byGrantee = try await grant(harness, keyID, [.encrypt, .retireGrant])
        let byAccount = try await grant(harness, keyID, [.encrypt])
        // Bob is the grantee of all three but may retire only the one with RetireGrant.
        await expectKMSError(.accessDenied) {
            try await harness.call(RetireGrant.self, RetireGrantRequest(grantToken: byRetirer.grantToken), as: bob)
        }
        _ = try await harness.call(RetireGrant.self, RetireGrantRequest(grantToken: byRetirer.grantToken), as: carol)
        _ = try await harness.call(RetireGrant.self, RetireGrantRequest(keyId: keyID, grantId: byGrantee.grantId), as: bob)
        _ = try await harness.call(RetireGrant.self, RetireGrantRequest(keyId: keyID, grantId: byAccount.grantId))
        #expect(try await harness.call(ListGrants.self, ListGrantsRequest(keyId: keyID)).grants?.isEmpty == true)
        await expectKMSError(.invalidGrantId) {
            try await harness.call(RetireGrant.self, RetireGrantRequest(grantToken: byRetirer.grantToken), as: carol)
        }
        await expectKMSError(.validation) { try await harness.call(RetireGrant.self, RetireGrantRequest(keyId: keyID)) }
        await expectKMSError(.invalidGrantToken) { try await harness.call(RetireGrant.self, RetireGrantRequest(grantToken: "AQID")) }
    }

    @Test func revokeNeedsTheKeyPolicyPermission() async throws {
        let (harness, keyID) = try await keyAndHarness()
        let created = try await grant(harness, keyID, [.encrypt, .retireGrant])
        await expectKMSError(.accessDenied) {
            try await harness.call(RevokeGrant.self, RevokeGrantRequest(keyId: keyID, grantId: created.grantId!), as: bob)
        }
        await expectKMSError(.dryRunOperation) {
            try await harness.call(RevokeGrant.self, RevokeGrantRequest(keyId: keyID, grantId: created.grantId!, dryRun: true))
        }
        _ = try await encrypt(harness, keyID, as: bob)
        _ = try await harness.call(RevokeGrant.self, RevokeGrantRequest(keyId: keyID, grantId: created.grantId!))
        await expectKMSError(.accessDenied) { try await encrypt(harness, keyID, as: bob) }
        await expectKMSError(.invalidGrantId) {
            try await harness.call(RevokeGrant.self, RevokeGrantRequest(keyId: keyID, grantId: created.grantId!))
        }
        await expectKMSError(.invalidGrantId) { try await harness.call(RevokeGrant.self, RevokeGrantRequest(keyId: keyID, grantId: "x")) }
    }

    @Test func listRetirableGrantsFindsGrantsByRetiringPrincipal() async throws {
        let (harness, keyID) = try await keyAndHarness()
        let other = try #require(try await harness.call(CreateKey.self, CreateKeyRequest()).keyMetadata?.keyId)
        let first = try await grant(harness, keyID, [.encrypt], retiring: Self.carolARN)
        let second = try await grant(harness, other, [.decrypt], retiring: Self.carolARN)
        _ = try await grant(harness, keyID, [.decrypt], retiring: Self.bobARN)
        let listed = try await harness.call(ListRetirableGrants.self, ListRetirableGrantsRequest(retiringPrincipal: Self.carolARN))
        #expect(Set(listed.grants?.compactMap(\.grantId) ?? []) == [first.grantId!, second.grantId!])
        await expectKMSError(.accessDenied) {
            try await harness.call(ListRetirableGrants.self, ListRetirableGrantsRequest(retiringPrincipal: Self.carolARN), as: carol)
        }
        await expectKMSError(.accessDenied) {
            try await harness.call(ListRetirableGrants.self,
                                   ListRetirableGrantsRequest(retiringPrincipal: "arn:aws:iam::444455556666:user/x"))
        }
    }

    @Test func grantTokensMustBeOnesArcaIssued() async throws {
        let (harness, keyID) = try await keyAndHarness()
        let created = try await grant(harness, keyID, [.encrypt])
        _ = try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("x".utf8),
                                                                grantTokens: [created.grantToken!]), as: bob)
        await expectKMSError(.invalidGrantToken) {
            try await harness.call(Encrypt.self, EncryptRequest(keyId: keyID, plaintext: Data("x".utf8), grantTokens: ["forged"]))
        }
        await expectKMSError(.invalidGrantToken) {
            try await harness.call(DescribeKey.self, DescribeKeyRequest(keyId: keyID, grantTokens: [created.grantToken!, "AQ=="]))
        }
    }

    @Test func grantConditionKeysReachTheKeyPolicy() async throws {
        let harness = try await KMSTestHarness()
        // kms:GrantConstraintType and kms:GrantOperations examples of the guide, for bob.
        let policy = #"""
            {"Version":"2012-10-17","Statement":[
             {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},
             {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"kms:CreateGrant","Resource":"*",
              "Condition":{"StringEquals":{"kms:GrantConstraintType":"EncryptionContextEquals"},
                           "ForAllValues:StringEquals":{"kms:GrantOperations":["Encrypt","ReEncryptTo"]}}}]}
            """#
        let keyID = try #require(try await harness.call(CreateKey.self, CreateKeyRequest(policy: policy)).keyMetadata?.keyId)
        let equals = GrantConstraints(encryptionContextEquals: ["a": "1"])
        _ = try await grant(harness, keyID, to: Self.carolARN, [.encrypt], constraints: equals, as: bob)
        await expectKMSError(.accessDenied) { try await grant(harness, keyID, to: Self.carolARN, [.encrypt], as: bob) }
        await expectKMSError(.accessDenied) {
            try await grant(harness, keyID, to: Self.carolARN, [.encrypt], constraints: GrantConstraints(encryptionContextSubset: ["a": "1"]), as: bob)
        }
        await expectKMSError(.accessDenied) {
            try await grant(harness, keyID, to: Self.carolARN, [.encrypt, .decrypt], constraints: equals, as: bob)
        }
    }

    @Test func grantsSurviveAReload() async throws {
        let (harness, keyID) = try await keyAndHarness()
        let created = try await grant(harness, keyID, [.encrypt], constraints: GrantConstraints(encryptionContextSubset: ["a": "b"]))
        let reloaded = try await KMSTestHarness(store: harness.store)
        let listed = try await reloaded.call(ListGrants.self, ListGrantsRequest(keyId: keyID))
        #expect(listed.grants?.first?.grantId == created.grantId)
        #expect(listed.grants?.first?.constraints == GrantConstraints(encryptionContextSubset: ["a": "b"]))
    }
}
