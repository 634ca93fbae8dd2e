import AccessPolicy
import Testing

/// The policies printed in the KMS Developer Guide parse, and parse into the right shape.
@Suite struct GuideExampleTests {
    @Test(arguments: GuideExample.keyPolicies + GuideExample.iamPolicies)
    func guideExampleParsesWithItsStatementsAndConditions(_ example: GuideExample) throws {
        let document = try PolicyDocument(json: example.json, kind: example.kind)
        #expect(document.version == .v2012_10_17)
        #expect(document.statements.count == example.statementCount)
        #expect(document.statements.flatMap(\.conditions).count == example.conditionCount)
    }

    @Test func guideTablesKeepEveryExtractedPolicy() {
        #expect(GuideExample.keyPolicies.count == 17)
        #expect(GuideExample.iamPolicies.count == 9)
    }

    @Test(arguments: GuideExample.keyPolicies)
    func guideKeyPolicyIsRejectedAsAnIdentityPolicy(_ example: GuideExample) {
        #expect(throws: PolicyDocumentError(message: "Policy document should not specify a principal.")) {
            try PolicyDocument(json: example.json, kind: .identityBased)
        }
    }

    @Test(arguments: GuideExample.iamPolicies)
    func guideIAMPolicyIsRejectedAsAKeyPolicy(_ example: GuideExample) {
        #expect(throws: PolicyDocumentError(message: "Policy contains a statement with no principal.")) {
            try PolicyDocument(json: example.json, kind: .resourceBased)
        }
    }

    @Test func guideReEncryptOnSameKeyExampleAsPrintedLacksItsVendorPrefix() {
        let printed = #"""
            {"Version": "2012-10-17", "Statement": [{
              "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::111122223333:user/ExampleUser" },
              "Action": "ReEncrypt*",
              "Resource": "*",
              "Condition": { "Bool": { "kms:ReEncryptOnSameKey": true } }
            }]}
            """#
        #expect(throws: PolicyDocumentError(message: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.")) {
            try PolicyDocument(json: printed, kind: .resourceBased)
        }
    }

    @Test func completeExampleKeyPolicyReadsBackElementByElement() throws {
        let example = try #require(GuideExample.keyPolicies.first { $0.name.hasPrefix("Example key policy") })
        let document = try PolicyDocument(json: example.json, kind: .resourceBased)
        #expect(document.id == "key-consolepolicy-2")
        #expect(document.statements.map(\.sid) == [
            "Enable IAM User Permissions", "Allow access for Key Administrators",
            "Allow use of the key", "Allow attachment of persistent resources",
        ])
        let users = document.statements[2]
        #expect(users.effect == .allow)
        #expect(users.principal == PolicyPrincipalBlock(.principal, .specified([
            PolicyPrincipalEntry(.aws, [
                "arn:aws:iam::111122223333:user/KMSUser",
                "arn:aws:iam::111122223333:role/KMSRole",
                "arn:aws:iam::444455556666:root",
            ]),
        ])))
        #expect(users.action == PolicyActionBlock(.action, [
            "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey",
        ]))
        #expect(users.resource == PolicyResourceBlock(.resource, ["*"]))
        #expect(document.statements[3].conditions == [
            PolicyCondition(PolicyConditionOperator(.bool), key: "kms:GrantIsForAWSResource", values: ["true"]),
        ])
    }

    @Test func sesExampleKeepsConditionOrderAndServicePrincipal() throws {
        let example = try #require(GuideExample.keyPolicies.first { $0.name.contains("SES") })
        let statement = try #require(try PolicyDocument(json: example.json, kind: .resourceBased).statements.first)
        #expect(statement.principal?.principal.identities == [.service("ses.amazonaws.com")])
        #expect(statement.conditions.map(\.key) == [
            "kms:EncryptionContext:aws:ses:rule-name",
            "kms:EncryptionContext:aws:ses:message-id",
            "kms:EncryptionContext:aws:ses:source-account",
        ])
        #expect(statement.conditions.map(\.operator.base) == [.null, .null, .stringEquals])
        #expect(statement.conditions.map(\.values) == [["false"], ["false"], ["ACCOUNT-ID-WITHOUT-HYPHENS"]])
    }
}
