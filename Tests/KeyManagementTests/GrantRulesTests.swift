import AccessPolicy
import Crypto
import Foundation
import Testing
@testable import KeyManagement

/// The pure grant rules: constraints, the narrower-grant rule, grantee matching and tokens.
@Suite struct GrantRulesTests {
    static let finance = ["Department": "Finance", "Classification": "Public"]

    /// The guide's example: a subset constraint of {"Department":"Finance","Classification":"Public"}
    /// "allows encryption and decryption when the request contains an encryption context of either
    /// {…} or {…, "Customer": "12345"}, but not when the request contains … {"Department": "Finance"}".
    @Test(arguments: [
        (finance, true),
        (finance.merging(["Customer": "12345"]) { $1 }, true),
        (["Department": "Finance"], false),
        ([:], false),
        (["Department": "Finance", "Classification": "Secret"], false),
    ])
    func subsetConstraintFromTheGuide(_ context: [String: String], _ allowed: Bool) {
        let constraints = GrantConstraints(encryptionContextSubset: Self.finance)
        #expect(GrantConstraintRules.isSatisfied(constraints, by: context) == allowed)
    }

    @Test(arguments: [
        (finance, true),
        (finance.merging(["Customer": "12345"]) { $1 }, false),
        (["Department": "Finance"], false),
    ])
    func equalsConstraintNeedsTheExactContext(_ context: [String: String], _ allowed: Bool) {
        let constraints = GrantConstraints(encryptionContextEquals: Self.finance)
        #expect(GrantConstraintRules.isSatisfied(constraints, by: context) == allowed)
    }

    @Test func noConstraintAllowsEveryContext() {
        #expect(GrantConstraintRules.isSatisfied(nil, by: [:]))
        #expect(GrantConstraintRules.isSatisfied(nil, by: Self.finance))
    }

    struct StrictnessRow: Sendable, CustomTestStringConvertible {
        var child: GrantConstraints?
        var parent: GrantConstraints?
        var strict: Bool
        var testDescription: String { "child \(String(describing: child)) under parent \(String(describing: parent))" }
    }

    /// "Fields can be added to an EncryptionContextSubset constraint, or an EncryptionContextSubset
    /// constraint can be turned into an EncryptionContextEquals constraint." (Using Grants)
    @Test(arguments: [
        StrictnessRow(child: nil, parent: nil, strict: true),
        StrictnessRow(child: GrantConstraints(encryptionContextSubset: ["a": "1"]), parent: nil, strict: true),
        StrictnessRow(child: nil, parent: GrantConstraints(encryptionContextSubset: ["a": "1"]), strict: false),
        StrictnessRow(child: GrantConstraints(encryptionContextSubset: ["a": "1"]),
                      parent: GrantConstraints(encryptionContextSubset: ["a": "1"]), strict: true),
        StrictnessRow(child: GrantConstraints(encryptionContextSubset: ["a": "1", "b": "2"]),
                      parent: GrantConstraints(encryptionContextSubset: ["a": "1"]), strict: true),
        StrictnessRow(child: GrantConstraints(encryptionContextSubset: ["b": "2"]),
                      parent: GrantConstraints(encryptionContextSubset: ["a": "1"]), strict: false),
        StrictnessRow(child: GrantConstraints(encryptionContextSubset: ["a": "2"]),
                      parent: GrantConstraints(encryptionContextSubset: ["a": "1"]), strict: false),
        StrictnessRow(child: GrantConstraints(encryptionContextEquals: ["a": "1", "b": "2"]),
                      parent: GrantConstraints(encryptionContextSubset: ["a": "1"]), strict: true),
        StrictnessRow(child: GrantConstraints(encryptionContextEquals: ["b": "2"]),
                      parent: GrantConstraints(encryptionContextSubset: ["a": "1"]), strict: false),
        StrictnessRow(child: GrantConstraints(encryptionContextEquals: ["a": "1"]),
                      parent: GrantConstraints(encryptionContextEquals: ["a": "1"]), strict: true),
        StrictnessRow(child: GrantConstraints(encryptionContextEquals: ["a": "1", "b": "2"]),
                      parent: GrantConstraints(encryptionContextEquals: ["a": "1"]), strict: false),
        StrictnessRow(child: GrantConstraints(encryptionContextSubset: ["a": "1"]),
                      parent: GrantConstraints(encryptionContextEquals: ["a": "1"]), strict: false),
    ])
    func narrowerGrantRule(_ row: StrictnessRow) {
        #expect(GrantConstraintRules.isAtLeastAsStrict(row.child, as: row.parent) == row.strict)
    }

    @Test func grantCoversOnlySubsetsOfItsOperationsAndOnlyWithCreateGrant() {
        let parent = Self.grant(operations: [.encrypt, .decrypt, .createGrant])
        #expect(parent.covers(GrantTerms(operations: [.encrypt], constraints: nil)))
        #expect(parent.covers(GrantTerms(operations: [.decrypt, .createGrant, .decrypt], constraints: nil)))
        #expect(!parent.covers(GrantTerms(operations: [.encrypt, .reEncryptTo], constraints: nil)))
        #expect(!Self.grant(operations: [.encrypt, .decrypt]).covers(GrantTerms(operations: [.encrypt], constraints: nil)))
    }

    @Test func constraintsDoNotApplyToDescribeKeyAndRetireGrant() {
        let grant = Self.grant(operations: [.decrypt, .describeKey, .retireGrant],
                               constraints: GrantConstraints(encryptionContextEquals: ["a": "1"]))
        #expect(grant.permits(.describeKey, encryptionContext: nil))
        #expect(grant.permits(.retireGrant, encryptionContext: nil))
        #expect(!grant.permits(.decrypt, encryptionContext: nil))
        #expect(grant.permits(.decrypt, encryptionContext: ["a": "1"]))
        #expect(!grant.permits(.encrypt, encryptionContext: ["a": "1"]))
    }

    @Test func granteeMatching() throws {
        let alice = try #require(PolicyRequestPrincipal(arn: "arn:aws:iam::111122223333:user/alice"))
        let session = try #require(PolicyRequestPrincipal(arn: "arn:aws:sts::111122223333:assumed-role/app/s1"))
        let root = PolicyRequestPrincipal.root(accountID: "111122223333")
        #expect(GrantPrincipalMatch.of("arn:aws:iam::111122223333:user/alice", for: alice) == .direct)
        #expect(GrantPrincipalMatch.of("arn:aws:iam::111122223333:user/bob", for: alice) == nil)
        #expect(GrantPrincipalMatch.of("arn:aws:iam::111122223333:role/app", for: session) == .direct)
        #expect(GrantPrincipalMatch.of("arn:aws:sts::111122223333:assumed-role/app/s1", for: session) == .direct)
        #expect(GrantPrincipalMatch.of("arn:aws:sts::111122223333:assumed-role/app/s2", for: session) == nil)
        #expect(GrantPrincipalMatch.of("arn:aws:iam::111122223333:root", for: alice) == .account)
        #expect(GrantPrincipalMatch.of("arn:aws:iam::111122223333:root", for: root) == .direct)
        #expect(GrantPrincipalMatch.of("arn:aws:iam::444455556666:root", for: alice) == nil)
    }

    @Test func grantIDs() throws {
        let bytes = (0..<32).map { UInt8($0 * 7 % 256) }
        let id = GrantID(bytes: bytes)
        #expect(id.rawValue.count == 64)
        #expect(GrantID(id.rawValue.uppercased()) == id)
        #expect(id.bytes == bytes)
        #expect(GrantID(String(id.rawValue.dropLast())) == nil)
        #expect(GrantID(String(id.rawValue.dropLast()) + "g") == nil)
    }

    @Test func tokensRoundTripAreUniqueAndRejectTampering() throws {
        let key = SymmetricKey(data: [UInt8](repeating: 9, count: 32))
        let token = GrantToken(grantID: GrantID(bytes: [UInt8](repeating: 1, count: 32)),
                               keyARN: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
        let first = token.encoded(signingKey: key, nonce: [UInt8](repeating: 2, count: 16))
        let second = token.encoded(signingKey: key, nonce: [UInt8](repeating: 3, count: 16))
        #expect(first != second)
        #expect(GrantToken(first, signingKey: key) == token)
        #expect(GrantToken(second, signingKey: key) == token)
        #expect(GrantToken(first, signingKey: SymmetricKey(data: [UInt8](repeating: 8, count: 32))) == nil)
        var bytes = [UInt8](try #require(Data(base64Encoded: first)))
        for index in bytes.indices {
            bytes[index] ^= 0x01
            #expect(GrantToken(Data(bytes).base64EncodedString(), signingKey: key) == nil, "byte \(index)")
            bytes[index] ^= 0x01
        }
        #expect(GrantToken(Data(bytes.dropLast()).base64EncodedString(), signingKey: key) == nil)
        #expect(GrantToken("not a token", signingKey: key) == nil)
        #expect(GrantToken("", signingKey: key) == nil)
    }

    static func grant(operations: [GrantOperation], constraints: GrantConstraints? = nil) -> KMSGrant {
        KMSGrant(id: GrantID(bytes: [UInt8](repeating: 0, count: 32)), keyID: KeyID("1234abcd-12ab-34cd-56ef-1234567890ab")!,
                 scope: KMSScope(account: .init("111122223333")!, region: "us-east-1"), name: nil,
                 creationDate: Date(timeIntervalSince1970: 0), granteePrincipal: "arn:aws:iam::111122223333:user/alice",
                 retiringPrincipal: nil, issuingAccount: .init("111122223333")!, operations: operations,
                 constraints: constraints)
    }
}
