import Identity
import Testing
@testable import IdentityManagement

/// The inline-policy rules users and roles share, and IAM's paging.
@Suite struct InlinePoliciesTests {
    static let small = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*"}]}"#

    @Test func putReplacesByNameAndKeepsOrder() throws {
        var policies: [IAMInlinePolicy] = []
        policies = try InlinePolicies.putting(.init(name: "a", document: Self.small), into: policies, limit: 2048, owner: ("user", "u"))
        policies = try InlinePolicies.putting(.init(name: "b", document: Self.small), into: policies, limit: 2048, owner: ("user", "u"))
        policies = try InlinePolicies.putting(.init(name: "a", document: "{}"), into: policies, limit: 2048, owner: ("user", "u"))
        #expect(policies.map(\.name) == ["a", "b"])
        #expect(policies[0].document == "{}")
    }

    @Test func sizeQuotaCountsEverythingButWhiteSpace() throws {
        let padded = String(repeating: " \n\t", count: 1000) + String(repeating: "x", count: 2048)
        _ = try InlinePolicies.putting(.init(name: "fits", document: padded), into: [], limit: 2048, owner: ("user", "u"))
        #expect(throws: IAMError(.limitExceeded, "Maximum policy size of 2048 bytes exceeded for user u")) {
            try InlinePolicies.putting(.init(name: "big", document: padded + "y"), into: [], limit: 2048, owner: ("user", "u"))
        }
        let half = String(repeating: "x", count: 1024)
        let one = try InlinePolicies.putting(.init(name: "one", document: half), into: [], limit: 2048, owner: ("role", "r"))
        #expect(throws: IAMError(.limitExceeded, "Maximum policy size of 2048 bytes exceeded for role r")) {
            try InlinePolicies.putting(.init(name: "two", document: half + "x"), into: one, limit: 2048, owner: ("role", "r"))
        }
    }

    @Test func removingAMissingPolicyIsNoSuchEntity() throws {
        let policies = [IAMInlinePolicy(name: "a", document: Self.small)]
        #expect(try InlinePolicies.removing("a", from: policies, ownerKind: "user").isEmpty)
        #expect(throws: IAMError(.noSuchEntity, "The role policy with name b cannot be found.")) {
            try InlinePolicies.removing("b", from: policies, ownerKind: "role")
        }
    }

    @Test func documentsMustBeIdentityBasedPolicies() {
        #expect(throws: Never.self) { try InlinePolicies.validate(Self.small) }
        #expect(throws: IAMError.self) { try InlinePolicies.validate(#"{"Statement": [}"#) }
        let withPrincipal = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}]}"#
        #expect(throws: IAMError.self) { try InlinePolicies.validate(withPrincipal) }
    }

    @Test func pagesFollowTheirMarkers() throws {
        let items = Array(0..<5)
        let first = try IAMPage.page(items, maxItems: 2, marker: nil)
        #expect(Array(first.page) == [0, 1])
        let second = try IAMPage.page(items, maxItems: 2, marker: first.next)
        #expect(Array(second.page) == [2, 3])
        let last = try IAMPage.page(items, maxItems: 2, marker: second.next)
        #expect(Array(last.page) == [4] && last.next == nil)
        #expect(throws: IAMError.self) { try IAMPage.page(items, maxItems: 2, marker: "garbage") }
    }

    @Test func policyDocumentsAreEncodedAsRFC3986() {
        #expect(RFC3986.encode(#"{"a": "b/c~d"}"#) == "%7B%22a%22%3A%20%22b%2Fc~d%22%7D")
    }
}
