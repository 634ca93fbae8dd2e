import AccessPolicy
import Testing

/// Rules on a statement's elements: which must, may and must not appear, for each kind of policy.
@Suite struct PolicyStatementRulesTests {
    @Test func unknownStatementElementIsRejected() {
        let statement = #"{"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resources": "*"}"#
        expectRejected(Policy.document(statement), #"Policy statement contains unknown element "Resources"."#)
    }

    @Test func repeatedEffectIsRejectedInsteadOfLettingOneWin() {
        let statement = #"{"Effect": "Deny", "Effect": "Allow", "Principal": "*", "Action": "kms:*"}"#
        expectRejected(Policy.document(statement), #"Policy document contains duplicate key "Effect"."#)
    }

    @Test func statementWithoutEffectIsRejected() {
        let statement = #"{"Principal": "*", "Action": "kms:*", "Resource": "*"}"#
        expectRejected(Policy.document(statement), "Policy statement must contain an Effect element.")
    }

    @Test(arguments: [#""allow""#, #""DENY""#, #""Permit""#, #""""#, "true", #"["Allow"]"#])
    func effectOtherThanAllowOrDenyIsRejected(_ effect: String) {
        let statement = #"{"Effect": \#(effect), "Principal": "*", "Action": "kms:*"}"#
        expectRejected(Policy.document(statement), #"Policy statement Effect must be "Allow" or "Deny"."#)
    }

    @Test(arguments: PolicyEffect.allCases)
    func allowAndDenyAreTheTwoEffects(_ effect: PolicyEffect) throws {
        let statement = try parseSingleStatement(#"{"Effect": "\#(effect.rawValue)", "Principal": "*", "Action": "kms:*"}"#)
        #expect(statement.effect == effect)
    }

    @Test func statementWithoutActionIsRejected() {
        let statement = #"{"Effect": "Allow", "Principal": "*", "Resource": "*"}"#
        expectRejected(Policy.document(statement), "Policy statement must contain actions.")
    }

    @Test func statementWithEmptyActionListIsRejected() {
        let statement = #"{"Effect": "Allow", "Principal": "*", "NotAction": [], "Resource": "*"}"#
        expectRejected(Policy.document(statement), "Policy statement must contain actions.")
    }

    @Test(arguments: ["Action", "NotAction"])
    func actionThatIsNotAStringListIsRejected(_ element: String) {
        let statement = #"{"Effect": "Allow", "Principal": "*", "\#(element)": ["kms:Encrypt", 7]}"#
        expectRejected(Policy.document(statement), "Policy statement \(element) must be a string or a non-empty array of strings.")
    }

    @Test func actionAndNotActionTogetherAreRejected() {
        let statement = #"{"Effect": "Allow", "Principal": "*", "Action": "kms:*", "NotAction": "kms:Decrypt"}"#
        expectRejected(Policy.document(statement), "Policy statement must not contain both Action and NotAction.")
    }

    @Test func principalAndNotPrincipalTogetherAreRejected() {
        let statement = #"{"Effect": "Deny", "Principal": "*", "NotPrincipal": {"AWS": "111122223333"}, "Action": "kms:*"}"#
        expectRejected(Policy.document(statement), "Policy statement must not contain both Principal and NotPrincipal.")
    }

    @Test func resourceAndNotResourceTogetherAreRejected() {
        let statement = #"{"Effect": "Allow", "Action": "kms:*", "Resource": "*", "NotResource": "arn:aws:kms:*:*:key/*"}"#
        expectRejected(Policy.document(statement), as: .identityBased, "Policy statement must not contain both Resource and NotResource.")
    }

    @Test func keyPolicyWithoutPrincipalIsRejected() {
        let statement = #"{"Sid": "NoOne", "Effect": "Allow", "Action": "kms:*", "Resource": "*"}"#
        expectRejected(Policy.document(Policy.rootStatement, statement), "Policy contains a statement with no principal.")
    }

    @Test(arguments: ["Principal", "NotPrincipal"])
    func identityPolicyThatNamesAPrincipalIsRejected(_ element: String) {
        let statement = #"{"Effect": "Allow", "\#(element)": {"AWS": "111122223333"}, "Action": "kms:*", "Resource": "*"}"#
        expectRejected(Policy.document(statement), as: .identityBased, "Policy document should not specify a principal.")
    }

    @Test func identityPolicyWithoutResourceIsRejected() {
        let statement = #"{"Effect": "Allow", "Action": "kms:ListKeys"}"#
        expectRejected(Policy.document(statement), as: .identityBased, "Policy statement must contain resources.")
    }

    @Test func identityPolicyWithEmptyResourceListIsRejected() {
        let statement = #"{"Effect": "Allow", "Action": "kms:ListKeys", "Resource": []}"#
        expectRejected(Policy.document(statement), as: .identityBased, "Policy statement must contain resources.")
    }

    @Test func keyPolicyStatementWithoutResourceIsAcceptedWithNoResource() throws {
        let statement = try parseSingleStatement(#"{"Effect": "Allow", "Principal": "*", "Action": "kms:Encrypt"}"#)
        #expect(statement.resource == nil)
    }

    @Test(arguments: ["Resource", "NotResource"])
    func resourceThatIsNotAStringListIsRejected(_ element: String) {
        let statement = #"{"Effect": "Allow", "Action": "kms:*", "\#(element)": {"arn": "*"}}"#
        expectRejected(Policy.document(statement), as: .identityBased, "Policy statement \(element) must be a string or a non-empty array of strings.")
    }

    @Test(arguments: ["my-key", "alias/ExampleAlias", "1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms", "", "**"])
    func resourceThatIsNeitherAnARNNorStarIsRejected(_ resource: String) {
        let statement = #"{"Effect": "Allow", "Action": "kms:*", "Resource": ["*", "\#(resource)"]}"#
        expectRejected(Policy.document(statement), as: .identityBased, #"Resource \#(resource) must be in ARN format or "*"."#)
    }

    @Test func negatedElementsAreRecordedAsWritten() throws {
        let statement = try parseSingleStatement(
            #"{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "NotAction": ["kms:Decrypt", "kms:encrypt"], "NotResource": "arn:aws:kms:us-west-2:111122223333:key/*"}"#
        )
        #expect(statement.principal == PolicyPrincipalBlock(.notPrincipal, .specified([PolicyPrincipalEntry(.aws, ["arn:aws:iam::111122223333:root"])])))
        #expect(statement.action == PolicyActionBlock(.notAction, ["kms:Decrypt", "kms:encrypt"]))
        #expect(statement.resource == PolicyResourceBlock(.notResource, ["arn:aws:kms:us-west-2:111122223333:key/*"]))
        #expect(statement.principal?.isNegated == true)
        #expect(statement.action.isNegated)
        #expect(statement.resource?.isNegated == true)
    }

    @Test func plainElementsAreNotNegated() throws {
        let statement = try parseSingleStatement(Policy.rootStatement)
        #expect(statement.principal?.isNegated == false)
        #expect(statement.action.isNegated == false)
        #expect(statement.resource?.isNegated == false)
        #expect(statement.sid == nil)
        #expect(statement.conditions.isEmpty)
    }
}
