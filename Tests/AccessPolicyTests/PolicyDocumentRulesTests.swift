import AccessPolicy
import Testing

/// Rules on the document as a whole: JSON, top-level elements, Version, Statement and Sid.
@Suite struct PolicyDocumentRulesTests {
    @Test func invalidJSONIsRejectedWithWhereItBroke() {
        expectRejected(
            #"{"Version": "2012-10-17",}"#,
            "Policy document is not valid JSON: expected a quoted object key at byte 25."
        )
    }

    @Test func emptyTextIsRejectedAsInvalidJSON() {
        expectRejected("", "Policy document is not valid JSON: expected a value at byte 0.")
    }

    @Test func textAfterTheDocumentIsRejectedAsInvalidJSON() {
        let document = Policy.document(Policy.rootStatement)
        expectRejected(
            document + " {}",
            "Policy document is not valid JSON: unexpected content after the top-level value at byte \(document.utf8.count + 1)."
        )
    }

    @Test(arguments: [#"[]"#, #""Statement""#, "42", "true", "null"])
    func topLevelValueThatIsNotAnObjectIsRejected(_ json: String) {
        expectRejected(json, "Policy document must be a JSON object.")
    }

    @Test func unknownTopLevelElementIsRejected() {
        expectRejected(
            #"{"Version": "2012-10-17", "Statements": [\#(Policy.rootStatement)]}"#,
            #"Policy document contains unknown element "Statements"."#
        )
    }

    @Test func topLevelConditionIsRejectedAsUnknown() {
        expectRejected(
            #"{"Statement": [\#(Policy.rootStatement)], "Condition": {"Bool": {"aws:SecureTransport": true}}}"#,
            #"Policy document contains unknown element "Condition"."#
        )
    }

    @Test func duplicateTopLevelKeyIsRejected() {
        let json = #"{"Version": "2012-10-17", "Statement": [\#(Policy.rootStatement)], "Statement": []}"#
        expectRejected(json, #"Policy document contains duplicate key "Statement"."#)
    }

    @Test func missingStatementIsRejected() {
        expectRejected(#"{"Version": "2012-10-17", "Id": "key-default-1"}"#, "Policy document must contain a Statement element.")
    }

    @Test(arguments: [#"[]"#, #""*""#, #"["not a statement"]"#, #"[\#(Policy.rootStatement), 7]"#])
    func statementThatIsNotAnObjectOrListOfObjectsIsRejected(_ statement: String) {
        expectRejected(
            #"{"Version": "2012-10-17", "Statement": \#(statement)}"#,
            "Policy Statement must be an object or a non-empty array of objects."
        )
    }

    @Test func singleStatementObjectIsAccepted() throws {
        let document = try PolicyDocument(json: #"{"Statement": \#(Policy.rootStatement)}"#, kind: .resourceBased)
        #expect(document.statements.count == 1)
        #expect(document.statements.first?.effect == .allow)
    }

    @Test(arguments: [#""2012-10-18""#, #""2012-10-17 ""#, #""latest""#, "20121017", "null"])
    func unsupportedVersionIsRejected(_ version: String) {
        expectRejected(
            #"{"Version": \#(version), "Statement": [\#(Policy.rootStatement)]}"#,
            #"Policy document Version must be "2012-10-17" or "2008-10-17"."#
        )
    }

    @Test(arguments: PolicyVersion.allCases)
    func bothPolicyLanguageVersionsAreAccepted(_ version: PolicyVersion) throws {
        let json = #"{"Version": "\#(version.rawValue)", "Statement": [\#(Policy.rootStatement)]}"#
        #expect(try PolicyDocument(json: json, kind: .resourceBased).version == version)
    }

    @Test func documentWithoutVersionHasNoVersion() throws {
        let document = try PolicyDocument(json: #"{"Statement": [\#(Policy.rootStatement)]}"#, kind: .resourceBased)
        #expect(document.version == nil)
    }

    @Test func idIsKeptAsWritten() throws {
        let json = #"{"Id": "key-consolepolicy-3", "Statement": [\#(Policy.rootStatement)]}"#
        #expect(try PolicyDocument(json: json, kind: .resourceBased).id == "key-consolepolicy-3")
    }

    @Test func idThatIsNotAStringIsRejected() {
        expectRejected(#"{"Id": 3, "Statement": [\#(Policy.rootStatement)]}"#, "Policy element Id must be a string.")
    }

    @Test func duplicateSidsInOnePolicyAreRejected() {
        let first = #"{"Sid": "Admin", "Effect": "Allow", "Principal": "*", "Action": "kms:Describe*"}"#
        let second = #"{"Sid": "Admin", "Effect": "Deny", "Principal": "*", "Action": "kms:Delete*"}"#
        expectRejected(Policy.document(first, second), "Statement IDs (SID) in a single policy must be unique.")
    }

    @Test func sidsThatDifferOnlyInCaseAreDistinct() throws {
        let first = #"{"Sid": "Admin", "Effect": "Allow", "Principal": "*", "Action": "kms:Describe*"}"#
        let second = #"{"Sid": "admin", "Effect": "Deny", "Principal": "*", "Action": "kms:Delete*"}"#
        let document = try PolicyDocument(json: Policy.document(first, second), kind: .resourceBased)
        #expect(document.statements.map(\.sid) == ["Admin", "admin"])
    }

    @Test func emptySidsAreNotComparedForUniqueness() throws {
        let statement = #"{"Sid": "", "Effect": "Allow", "Principal": "*", "Action": "kms:Describe*"}"#
        let document = try PolicyDocument(json: Policy.document(statement, statement), kind: .resourceBased)
        #expect(document.statements.map(\.sid) == ["", ""])
    }

    @Test func sidThatIsNotAStringIsRejected() {
        let statement = #"{"Sid": 1, "Effect": "Allow", "Principal": "*", "Action": "kms:*"}"#
        expectRejected(Policy.document(statement), "Policy element Sid must be a string.")
    }

    @Test func firstProblemInDocumentOrderIsReported() {
        let good = Policy.rootStatement
        let badEffect = #"{"Effect": "Permit", "Principal": "*", "Action": "kms:*"}"#
        let badAction = #"{"Effect": "Allow", "Principal": "*", "Action": "Encrypt"}"#
        expectRejected(Policy.document(good, badEffect, badAction), #"Policy statement Effect must be "Allow" or "Deny"."#)
        expectRejected(
            Policy.document(good, badAction, badEffect),
            "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
        )
    }
}
