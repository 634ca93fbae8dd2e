import AccessPolicy
import Testing

/// The worked example of "Understanding Policy Evaluation" (KMS Developer Guide): two CMKs and
/// three users, all in account 111122223333.
@Suite struct KeyAccessGuideExampleTests {
    static let cmk1 = "arn:aws:kms:us-west-2:111122223333:key/11111111-1111-1111-1111-111111111111"
    static let cmk2 = "arn:aws:kms:us-west-2:111122223333:key/22222222-2222-2222-2222-222222222222"

    /// "CMK1's key policy allows access to the AWS account (root user) and thereby enables IAM
    /// policies to allow access to CMK1."
    static let cmk1Policy = #"""
        {"Version": "2012-10-17", "Statement": [{"Sid": "Enable IAM User Permissions", "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]}
        """#
    /// "CMK2's key policy allows access to Alice and Charlie."
    static let cmk2Policy = #"""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
          "Principal": {"AWS": ["arn:aws:iam::111122223333:user/Alice", "arn:aws:iam::111122223333:user/Charlie"]},
          "Action": "kms:*", "Resource": "*"}]}
        """#
    /// "Bob's IAM policy allows all AWS KMS actions for all CMKs."
    static let bobPolicy = #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "kms:*", "Resource": "*"}}"#
    /// "Charlie's IAM policy denies all AWS KMS actions for all CMKs."
    static let charliePolicy = #"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "kms:*", "Resource": "*"}}"#

    struct Row: CustomTestStringConvertible, Sendable {
        var user: String
        var key: String
        var expected: PolicyDecision
        var testDescription: String { "\(user) on \(key == cmk1 ? "CMK1" : "CMK2")" }
    }

    static let rows: [Row] = [
        // "Alice cannot access CMK1 because CMK1's key policy does not explicitly allow her access,
        // and she has no IAM policy that allows access."
        Row(user: "Alice", key: cmk1, expected: .implicitDeny(missing: .identityBased)),
        // "Alice can access CMK2 because the CMK's key policy explicitly allows her access."
        Row(user: "Alice", key: cmk2, expected: .allowed(by: .keyPolicy)),
        // "Bob can access CMK1 because CMK1's key policy enables IAM policies to allow access, and
        // Bob has an IAM policy that allows access."
        Row(user: "Bob", key: cmk1, expected: .allowed(by: .keyPolicyAndIdentityPolicy)),
        // "Bob cannot access CMK2 because the key policy for CMK2 does not allow access to the
        // account, so Bob's IAM policy does not by itself allow access to CMK2."
        Row(user: "Bob", key: cmk2, expected: .implicitDeny(missing: .resourceBased)),
        // "Charlie cannot access CMK1 or CMK2 because all AWS KMS actions are denied in his IAM
        // policy. The explicit deny in Charlie's IAM policy overrides the explicit allow in CMK2's
        // key policy."
        Row(user: "Charlie", key: cmk1, expected: .explicitDeny(in: .identityBased)),
        Row(user: "Charlie", key: cmk2, expected: .explicitDeny(in: .identityBased)),
    ]

    static func decide(_ user: String, _ key: String, _ action: String, grants: [KeyGrantAllowance] = []) throws -> PolicyDecision {
        let keyPolicy = try compile(key == cmk1 ? cmk1Policy : cmk2Policy, as: .resourceBased)
        let identity: [CompiledPolicy] =
            switch user {
            case "Bob": [try compile(bobPolicy, as: .identityBased)]
            case "Charlie": [try compile(charliePolicy, as: .identityBased)]
            default: []
            }
        return KeyAccessEvaluator.evaluate(
            Caller.request(Caller.user(user), action, resource: key), keyPolicy: keyPolicy,
            identityPolicies: identity, grants: { grants }
        )
    }

    @Test(arguments: rows, ["kms:Encrypt", "kms:DescribeKey", "kms:ScheduleKeyDeletion"])
    func guideOutcomeHoldsForEveryAction(_ row: Row, action: String) throws {
        #expect(try Self.decide(row.user, row.key, action) == row.expected)
    }

    @Test func deniedRequestsCarryAWSMessages() throws {
        let request = { (user: String, key: String) in Caller.request(Caller.user(user), "kms:Encrypt", resource: key) }
        #expect(try Self.decide("Alice", Self.cmk1, "kms:Encrypt").accessDeniedMessage(for: request("Alice", Self.cmk1))
            == "User: arn:aws:iam::111122223333:user/Alice is not authorized to perform: kms:Encrypt on resource: \(Self.cmk1) because no identity-based policy allows the kms:Encrypt action")
        #expect(try Self.decide("Bob", Self.cmk2, "kms:Encrypt").accessDeniedMessage(for: request("Bob", Self.cmk2))
            == "User: arn:aws:iam::111122223333:user/Bob is not authorized to perform: kms:Encrypt on resource: \(Self.cmk2) because no resource-based policy allows the kms:Encrypt action")
        #expect(try Self.decide("Charlie", Self.cmk2, "kms:Encrypt").accessDeniedMessage(for: request("Charlie", Self.cmk2))
            == "User: arn:aws:iam::111122223333:user/Charlie is not authorized to perform: kms:Encrypt on resource: \(Self.cmk2) with an explicit deny in an identity-based policy")
        #expect(try Self.decide("Alice", Self.cmk2, "kms:Encrypt").accessDeniedMessage(for: request("Alice", Self.cmk2)) == nil)
    }

    @Test func grantAllowsWhatThePoliciesDoNotButNotAnExplicitDeny() throws {
        let grant = [KeyGrantAllowance(grantID: "g-1")]
        #expect(try Self.decide("Bob", Self.cmk2, "kms:Decrypt", grants: grant) == .allowed(by: .grant("g-1")))
        #expect(try Self.decide("Alice", Self.cmk1, "kms:Decrypt", grants: grant) == .allowed(by: .grant("g-1")))
        #expect(try Self.decide("Charlie", Self.cmk2, "kms:Decrypt", grants: grant) == .explicitDeny(in: .identityBased))
    }

    @Test func grantToTheAccountNeedsAnIdentityPolicyAllow() throws {
        let accountGrant = [KeyGrantAllowance(grantID: "g-2", requiresIdentityPolicy: true)]
        // Bob's IAM policy allows every KMS action; Alice has no IAM policy.
        #expect(try Self.decide("Bob", Self.cmk2, "kms:Decrypt", grants: accountGrant) == .allowed(by: .grant("g-2")))
        #expect(try Self.decide("Alice", Self.cmk1, "kms:Decrypt", grants: accountGrant) == .implicitDeny(missing: .identityBased))
    }
}
