import AccessPolicy
import Testing

/// The console's default key policy (KMS Developer Guide, "Example Key Policy"), cross-account
/// callers, explicit denies in the key policy, and service principals.
@Suite struct KeyAccessDefaultPolicyTests {
    static let allowAll = #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "kms:*", "Resource": "*"}}"#

    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var caller: PolicyRequestPrincipal
        var action: String
        var hasAllowAllIAMPolicy: Bool
        var context: PolicyConditionContext = [:]
        var expected: PolicyDecision
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "key administrator may edit the key policy", caller: Caller.user("KMSAdminUser"), action: "kms:PutKeyPolicy",
            hasAllowAllIAMPolicy: false, expected: .allowed(by: .keyPolicy)),
        Row(name: "key administrator may schedule deletion", caller: Caller.user("KMSAdminUser"), action: "kms:ScheduleKeyDeletion",
            hasAllowAllIAMPolicy: false, expected: .allowed(by: .keyPolicy)),
        Row(name: "administrator role session may delete aliases", caller: Caller.session(role: "KMSAdminRole"), action: "kms:DeleteAlias",
            hasAllowAllIAMPolicy: false, expected: .allowed(by: .keyPolicy)),
        Row(name: "key administrator may not encrypt", caller: Caller.user("KMSAdminUser"), action: "kms:Encrypt",
            hasAllowAllIAMPolicy: false, expected: .implicitDeny(missing: .identityBased)),
        Row(name: "key user may encrypt", caller: Caller.user("KMSUser"), action: "kms:Encrypt",
            hasAllowAllIAMPolicy: false, expected: .allowed(by: .keyPolicy)),
        Row(name: "key user may generate a data key without plaintext", caller: Caller.user("KMSUser"), action: "kms:GenerateDataKeyWithoutPlaintext",
            hasAllowAllIAMPolicy: false, expected: .allowed(by: .keyPolicy)),
        Row(name: "key role session may decrypt", caller: Caller.session(role: "KMSRole"), action: "kms:Decrypt",
            hasAllowAllIAMPolicy: false, expected: .allowed(by: .keyPolicy)),
        Row(name: "key user may not edit the key policy", caller: Caller.user("KMSUser"), action: "kms:PutKeyPolicy",
            hasAllowAllIAMPolicy: false, expected: .implicitDeny(missing: .identityBased)),
        Row(name: "key user may grant to an AWS resource", caller: Caller.user("KMSUser"), action: "kms:CreateGrant",
            hasAllowAllIAMPolicy: false, context: ["kms:GrantIsForAWSResource": "true"], expected: .allowed(by: .keyPolicy)),
        Row(name: "key user may not grant otherwise", caller: Caller.user("KMSUser"), action: "kms:CreateGrant",
            hasAllowAllIAMPolicy: false, context: ["kms:GrantIsForAWSResource": "false"], expected: .implicitDeny(missing: .identityBased)),
        Row(name: "other user with an IAM policy, through the account", caller: Caller.user("Dave"), action: "kms:PutKeyPolicy",
            hasAllowAllIAMPolicy: true, expected: .allowed(by: .keyPolicyAndIdentityPolicy)),
        Row(name: "root user needs no IAM policy", caller: Caller.root(), action: "kms:PutKeyPolicy",
            hasAllowAllIAMPolicy: false, expected: .allowed(by: .keyPolicy)),
        Row(name: "external account user with an IAM policy", caller: Caller.user("Zoe", account: "444455556666"), action: "kms:Encrypt",
            hasAllowAllIAMPolicy: true, expected: .allowed(by: .keyPolicyAndIdentityPolicy)),
        Row(name: "external account user without an IAM policy", caller: Caller.user("Zoe", account: "444455556666"), action: "kms:Encrypt",
            hasAllowAllIAMPolicy: false, expected: .implicitDeny(missing: .identityBased)),
        Row(name: "external account is a key user, not an administrator", caller: Caller.user("Zoe", account: "444455556666"), action: "kms:PutKeyPolicy",
            hasAllowAllIAMPolicy: true, expected: .implicitDeny(missing: .resourceBased)),
        Row(name: "external account root user", caller: Caller.root("444455556666"), action: "kms:Decrypt",
            hasAllowAllIAMPolicy: false, expected: .allowed(by: .keyPolicyAndIdentityPolicy)),
        Row(name: "unlisted account, even with an IAM policy", caller: Caller.user("Eve", account: "999999999999"), action: "kms:Encrypt",
            hasAllowAllIAMPolicy: true, expected: .implicitDeny(missing: .resourceBased)),
    ]

    @Test(arguments: rows)
    func consolePolicyDecidesAsTheGuideDescribes(_ row: Row) throws {
        let example = try #require(GuideExample.keyPolicies.first { $0.name.hasPrefix("Example key policy") })
        let keyPolicy = try compile(example.json, as: .resourceBased)
        let identity = row.hasAllowAllIAMPolicy ? [try compile(Self.allowAll, as: .identityBased)] : []
        let request = Caller.request(row.caller, row.action, context: row.context)
        #expect(KeyAccessEvaluator.evaluate(request, keyPolicy: keyPolicy, identityPolicies: identity) == row.expected)
    }

    @Test func crossAccountUserNamedInTheKeyPolicyStillNeedsAnIAMPolicy() throws {
        let keyPolicy = try compile(#"""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::444455556666:user/Zoe"}, "Action": "kms:Decrypt", "Resource": "*"}]}
            """#, as: .resourceBased)
        let request = Caller.request(Caller.user("Zoe", account: "444455556666"), "kms:Decrypt")
        #expect(KeyAccessEvaluator.evaluate(request, keyPolicy: keyPolicy) == .implicitDeny(missing: .identityBased))
        let iam = try compile(Self.allowAll, as: .identityBased)
        #expect(KeyAccessEvaluator.evaluate(request, keyPolicy: keyPolicy, identityPolicies: [iam]) == .allowed(by: .keyPolicyAndIdentityPolicy))
    }

    @Test func explicitDenyInTheKeyPolicyWinsOverEveryAllow() throws {
        let keyPolicy = try compile(#"""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
              {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/Alice"}, "Action": "kms:*", "Resource": "*"},
              {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Resource": "*",
               "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
            """#, as: .resourceBased)
        let iam = try compile(Self.allowAll, as: .identityBased)
        let grant = [KeyGrantAllowance(grantID: "g-1")]
        let plain = Caller.request(Caller.user("Alice"), "kms:Decrypt", context: ["aws:SecureTransport": "false"])
        let decision = KeyAccessEvaluator.evaluate(plain, keyPolicy: keyPolicy, identityPolicies: [iam], grants: { grant })
        #expect(decision == .explicitDeny(in: .resourceBased))
        #expect(decision.accessDeniedMessage(for: plain)?.hasSuffix("with an explicit deny in a resource-based policy") == true)
        let secure = Caller.request(Caller.user("Alice"), "kms:Decrypt", context: ["aws:SecureTransport": "true"])
        #expect(KeyAccessEvaluator.evaluate(secure, keyPolicy: keyPolicy, identityPolicies: [iam]) == .allowed(by: .keyPolicy))
    }

    @Test func servicePrincipalIsAllowedOnlyWhenNamed() throws {
        let example = try #require(GuideExample.keyPolicies.first { $0.name.contains("SES") })
        let keyPolicy = try compile(example.json, as: .resourceBased)
        let ses = Caller.request(.service("ses.amazonaws.com"), "kms:Encrypt", context: [
            "kms:EncryptionContext:aws:ses:rule-name": "r", "kms:EncryptionContext:aws:ses:message-id": "m",
            "kms:EncryptionContext:aws:ses:source-account": "ACCOUNT-ID-WITHOUT-HYPHENS",
        ])
        #expect(KeyAccessEvaluator.evaluate(ses, keyPolicy: keyPolicy) == .allowed(by: .keyPolicy))
        var withoutRule = ses
        withoutRule.context["kms:EncryptionContext:aws:ses:rule-name"] = nil
        #expect(KeyAccessEvaluator.evaluate(withoutRule, keyPolicy: keyPolicy) == .implicitDeny(missing: .resourceBased))
        let sqs = Caller.request(.service("sqs.amazonaws.com"), "kms:Encrypt", context: ses.context)
        #expect(KeyAccessEvaluator.evaluate(sqs, keyPolicy: keyPolicy) == .implicitDeny(missing: .resourceBased))
    }
}
