import AccessPolicy
import Testing

/// The `Condition` element: operator names, keys and values.
@Suite struct PolicyConditionTests {
    private static func statement(condition: String) -> String {
        #"{"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*", "Condition": \#(condition)}"#
    }

    /// Every spelling of every operator: base × {no qualifier, ForAllValues, ForAnyValue} × IfExists.
    static let everyOperatorName: [String] = PolicyConditionBaseOperator.allCases.flatMap { base in
        ["", "ForAllValues:", "ForAnyValue:"].flatMap { prefix in
            base == .null ? [prefix + base.rawValue] : [prefix + base.rawValue, prefix + base.rawValue + "IfExists"]
        }
    }

    @Test func everyIAMOperatorFamilyIsKnown() {
        #expect(PolicyConditionBaseOperator.allCases.count == 27)
        #expect(Self.everyOperatorName.count == 27 * 3 * 2 - 3)
        #expect(Set(PolicyConditionBaseOperator.allCases.map(\.family)) == Set(PolicyConditionFamily.allCases))
    }

    @Test(arguments: everyOperatorName)
    func operatorNameParsesAndReadsBackAsWritten(_ name: String) throws {
        let parsed = try PolicyConditionOperator(parsing: name)
        #expect(parsed.description == name)
        #expect(parsed.ifExists == name.hasSuffix("IfExists"))
        #expect(parsed.qualifier?.rawValue == name.split(separator: ":").dropLast().first.map(String.init))
    }

    @Test func qualifiedIfExistsOperatorIsSplitIntoItsParts() throws {
        let parsed = try PolicyConditionOperator(parsing: "ForAnyValue:StringNotLikeIfExists")
        #expect(parsed == PolicyConditionOperator(.stringNotLike, qualifier: .forAnyValue, ifExists: true))
        #expect(parsed.base.family == .string)
        #expect(parsed.base.isNegated)
    }

    @Test(arguments: [
        "StringEqualz", "stringequals", "STRINGEQUALS", "IfExists", "StringEqualsIfExistsIfExists", "ForAllValues:",
        "ForAllValues:ForAnyValue:StringEquals", "forallvalues:StringEquals", "ForAllValues StringEquals",
        "IfExistsStringEquals", "NumericBetween", "Date", "NotArnLike", "",
    ])
    func unknownConditionOperatorIsRejected(_ name: String) {
        let condition = #"{"\#(name)": {"aws:SourceIp": "192.0.2.0/24"}}"#
        expectRejected(
            Policy.document(Self.statement(condition: condition)),
            #"Policy statement contains invalid condition operator "\#(name)"."#
        )
    }

    @Test(arguments: ["NullIfExists", "ForAllValues:NullIfExists"])
    func nullOperatorWithIfExistsIsRejected(_ name: String) {
        let condition = #"{"\#(name)": {"kms:EncryptionContextKeys": false}}"#
        expectRejected(
            Policy.document(Self.statement(condition: condition)),
            "The Null condition operator cannot be combined with IfExists."
        )
    }

    @Test(arguments: [#""StringEquals""#, #"["StringEquals"]"#, "true"])
    func conditionThatIsNotAnObjectIsRejected(_ condition: String) {
        expectRejected(
            Policy.document(Self.statement(condition: condition)),
            "Policy statement Condition must be an object that maps condition operators to condition keys."
        )
    }

    @Test func conditionOperatorThatDoesNotMapKeysIsRejected() {
        expectRejected(
            Policy.document(Self.statement(condition: #"{"Bool": ["kms:GrantIsForAWSResource", true]}"#)),
            "Condition operator Bool must map condition keys to values."
        )
    }

    @Test(arguments: [#"{"a": "b"}"#, "null", "[]", #"[["Encrypt"]]"#, #"["Encrypt", null]"#, #"[{"x": 1}]"#])
    func conditionValueThatIsNotAScalarOrListOfScalarsIsRejected(_ value: String) {
        expectRejected(
            Policy.document(Self.statement(condition: #"{"StringEquals": {"kms:GrantOperations": \#(value)}}"#)),
            "Condition key kms:GrantOperations must have a string, number or Boolean value, or a non-empty array of them."
        )
    }

    @Test(arguments: ["CallerAccount", ":CallerAccount", ""])
    func conditionKeyWithoutVendorIsRejected(_ key: String) {
        expectRejected(
            Policy.document(Self.statement(condition: #"{"StringEquals": {"\#(key)": "111122223333"}}"#)),
            "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
        )
    }

    @Test func repeatedConditionKeyUnderOneOperatorIsRejected() {
        let condition = #"{"StringEquals": {"kms:ViaService": "ec2.us-west-2.amazonaws.com", "kms:ViaService": "rds.us-west-2.amazonaws.com"}}"#
        expectRejected(Policy.document(Self.statement(condition: condition)), #"Policy document contains duplicate key "kms:ViaService"."#)
    }

    @Test func repeatedOperatorIsRejected() {
        let condition = #"{"Bool": {"aws:SecureTransport": true}, "Bool": {"kms:GrantIsForAWSResource": true}}"#
        expectRejected(Policy.document(Self.statement(condition: condition)), #"Policy document contains duplicate key "Bool"."#)
    }

    @Test func sameKeyUnderTwoOperatorsIsAccepted() throws {
        let condition = #"{"StringLike": {"kms:ViaService": "*.amazonaws.com"}, "StringNotEquals": {"kms:ViaService": "s3.us-west-2.amazonaws.com"}}"#
        let statement = try parseSingleStatement(Self.statement(condition: condition))
        #expect(statement.conditions == [
            PolicyCondition(PolicyConditionOperator(.stringLike), key: "kms:ViaService", values: ["*.amazonaws.com"]),
            PolicyCondition(PolicyConditionOperator(.stringNotEquals), key: "kms:ViaService", values: ["s3.us-west-2.amazonaws.com"]),
        ])
    }

    @Test(arguments: [
        (#""true""#, ["true"]), ("true", ["true"]), ("false", ["false"]), ("10", ["10"]), ("-3", ["-3"]),
        ("1.50", ["1.50"]), ("1e3", ["1e3"]), ("2.5E-2", ["2.5E-2"]), (#""2019-12-31T23:59:59Z""#, ["2019-12-31T23:59:59Z"]),
        (#"[1, true, "x", 0.0]"#, ["1", "true", "x", "0.0"]), (#""""#, [""]), (#""\u00e9\n""#, ["é\n"]),
    ])
    func conditionValuesAreKeptAsTheirJSONText(_ json: String, _ expected: [String]) throws {
        let statement = try parseSingleStatement(Self.statement(condition: #"{"NumericLessThan": {"kms:Value": \#(json)}}"#))
        #expect(statement.conditions.map(\.values) == [expected])
    }

    @Test func emptyConditionBlocksAddNoConditions() throws {
        #expect(try parseSingleStatement(Self.statement(condition: "{}")).conditions.isEmpty)
        #expect(try parseSingleStatement(Self.statement(condition: #"{"StringEquals": {}}"#)).conditions.isEmpty)
    }
}
