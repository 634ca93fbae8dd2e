import FilterPolicies
import Testing

/// How values are compared, beyond the guide's examples: types, precision, presence, arrays.
@Suite struct MatchingRuleTests {
    private func body(_ json: String) throws -> FilterPolicy {
        try FilterPolicy(json: json, scope: .messageBody)
    }

    private func attributes(_ json: String) throws -> FilterPolicy {
        try FilterPolicy(json: json, scope: .messageAttributes)
    }

    /// Event Ruler's example: "will not match the "Anna"/"Jones" rule", whose fields come from
    /// different elements of the same array.
    @Test func keysInsideOneArrayMustComeFromTheSameElement() throws {
        let employees = #"""
            {"employees": [{"firstName": "John", "lastName": "Doe"}, {"firstName": "Anna", "lastName": "Smith"},
                           {"firstName": "Peter", "lastName": "Jones"}]}
            """#
        #expect(try body(#"{"employees": {"firstName": ["Anna"]}}"#).matches(body: employees))
        #expect(try body(#"{"employees": {"firstName": ["Anna"], "lastName": ["Smith"]}}"#).matches(body: employees))
        #expect(try !body(#"{"employees": {"firstName": ["Anna"], "lastName": ["Jones"]}}"#).matches(body: employees))
        let nested = #"{"employees": [[{"firstName": "John"}, {"firstName": "Anna", "lastName": "Smith"}], [{"lastName": "Jones"}]]}"#
        #expect(try !body(#"{"employees": {"firstName": ["Anna"], "lastName": ["Jones"]}}"#).matches(body: nested))
        #expect(try body(#"{"employees": {"firstName": ["Anna"], "lastName": ["Smith"]}}"#).matches(body: nested))
    }

    /// Keys in different arrays, or outside any array, combine freely.
    @Test func keysInDifferentArraysCombineFreely() throws {
        let policy = try body(#"{"a": {"x": ["1"]}, "b": {"y": ["2"]}, "top": ["t"]}"#)
        #expect(policy.matches(body: #"{"a": [{"x": "0"}, {"x": "1"}], "b": [{"y": "2"}, {"y": "3"}], "top": "t"}"#))
        #expect(!policy.matches(body: #"{"a": [{"x": "0"}], "b": [{"y": "2"}], "top": "t"}"#))
    }

    /// "with five digits of accuracy after the decimal point" (Filter policy constraints).
    @Test func numbersCompareToFiveDecimalPlaces() throws {
        let policy = try attributes(#"{"n": [{"numeric": ["=", 1.000001]}]}"#)
        #expect(policy.matches(attributes: ["n": .number("1.000002")]))
        #expect(!policy.matches(attributes: ["n": .number("1.00001")]))
        let plain = try attributes(#"{"n": [5]}"#)
        #expect(plain.matches(attributes: ["n": .number("5.000")]))
        #expect(plain.matches(attributes: ["n": .number("5e0")]))
    }

    /// "the value can range from -10⁹ to 10⁹": beyond it a number matches only by its text.
    @Test func numbersBeyondABillionMatchOnlyByTheirText() throws {
        let account = try attributes(#"{"account": [123456789012]}"#)
        #expect(account.matches(attributes: ["account": .number("123456789012")]))
        #expect(!account.matches(attributes: ["account": .number("1.23456789012e11")]))
        let positive = try attributes(#"{"n": [{"numeric": [">", 0]}]}"#)
        #expect(positive.matches(attributes: ["n": .number("1000000000")]))
        #expect(!positive.matches(attributes: ["n": .number("1000000001")]))
    }

    @Test func numbersAndStringsDoNotMatchEachOther() throws {
        #expect(try !attributes(#"{"n": ["99"]}"#).matches(attributes: ["n": .number("99")]))
        #expect(try !attributes(#"{"n": [99]}"#).matches(attributes: ["n": .string("99")]))
        #expect(try !attributes(#"{"n": [{"numeric": [">", 0]}]}"#).matches(attributes: ["n": .string("99")]))
        #expect(try !body(#"{"n": [{"prefix": "9"}]}"#).matches(body: #"{"n": 99}"#))
        #expect(try body(#"{"n": [99]}"#).matches(body: #"{"n": [1, 99]}"#))
    }

    @Test func literalsMatchLiterals() throws {
        let flag = try body(#"{"flag": [true], "gone": [null]}"#)
        #expect(flag.matches(body: #"{"flag": true, "gone": null}"#))
        #expect(!flag.matches(body: #"{"flag": "true", "gone": null}"#))
        #expect(!flag.matches(body: #"{"flag": true, "gone": "null"}"#))
        #expect(try attributes(#"{"flags": [false]}"#).matches(attributes: ["flags": .stringArray("[false, null]")]))
    }

    /// "The key must have a non-null and non-empty value"; "exists matching only works on leaf
    /// nodes" (Key matching).
    @Test func existsLooksForAPresentLeafValue() throws {
        let present = try body(#"{"store": [{"exists": true}]}"#)
        let absent = try body(#"{"store": [{"exists": false}]}"#)
        for missing in [#"{"store": null, "x": 1}"#, #"{"store": "", "x": 1}"#, #"{"store": [], "x": 1}"#,
                        #"{"store": {"id": 1}}"#] {
            #expect(!present.matches(body: missing), "\(missing)")
            #expect(absent.matches(body: missing), "\(missing)")
        }
        #expect(present.matches(body: #"{"store": 0}"#))
        #expect(present.matches(body: #"{"store": [null, "fans"]}"#))
        // A body without any value offers nothing for an absence to hold on.
        #expect(!absent.matches(body: "{}"))
    }

    @Test func binaryAttributesAreIgnored() throws {
        let binary = FilterAttribute(dataType: "Binary", stringValue: nil)
        #expect(try !attributes(#"{"blob": [{"exists": true}]}"#).matches(attributes: ["blob": binary]))
        #expect(try !attributes(#"{"other": [{"exists": false}]}"#).matches(attributes: ["blob": binary]))
        #expect(try attributes(#"{"blob": [{"exists": false}]}"#).matches(attributes: ["blob": binary, "x": .string("1")]))
    }

    @Test func attributesAreClassifiedByDataType() {
        #expect(FilterAttribute(dataType: "String", stringValue: "a") == .string("a"))
        #expect(FilterAttribute(dataType: "String.custom", stringValue: "a") == .string("a"))
        #expect(FilterAttribute(dataType: "String.Array", stringValue: "[1]") == .stringArray("[1]"))
        #expect(FilterAttribute(dataType: "Number", stringValue: "1") == .number("1"))
        #expect(FilterAttribute(dataType: "Number.float", stringValue: "1.5") == .number("1.5"))
        #expect(FilterAttribute(dataType: "Binary.png", stringValue: nil) == .binary)
    }

    @Test func stringArrayElementsKeepTheirTypes() throws {
        let policy = try attributes(#"{"prices": [{"numeric": [">", 100]}]}"#)
        #expect(policy.matches(attributes: ["prices": .stringArray("[50, 150]")]))
        #expect(!policy.matches(attributes: ["prices": .stringArray(#"["150"]"#)]))
        #expect(!policy.matches(attributes: ["prices": .stringArray("not json")]))
    }

    /// "For string matching in the filter policy, the comparison is case-sensitive"; characters are
    /// compared as written, not up to Unicode equivalence.
    @Test func stringsCompareByTheirBytes() throws {
        let policy = try body(#"{"name": ["Rugby", "caf\u00e9"]}"#)
        #expect(policy.matches(body: #"{"name": "Rugby"}"#))
        #expect(!policy.matches(body: #"{"name": "rugby"}"#))
        #expect(policy.matches(body: #"{"name": "caf\u00e9"}"#))
        #expect(!policy.matches(body: #"{"name": "cafe\u0301"}"#))

        let key = try body(#"{"caf\u00e9": ["x"]}"#)
        #expect(key.matches(body: #"{"caf\u00e9": "x"}"#))
        #expect(!key.matches(body: #"{"cafe\u0301": "x"}"#))
        let attribute = try attributes(#"{"caf\u00e9": ["x"]}"#)
        #expect(!attribute.matches(attributes: ["cafe\u{301}": .string("x")]))
    }

    @Test func suffixAndEqualsIgnoreCase() throws {
        // Event Ruler's examples: {"source": [{"suffix": "ec2"}]} and [{"equals-ignore-case": "EC2"}].
        let suffix = try body(#"{"source": [{"suffix": "ec2"}]}"#)
        #expect(suffix.matches(body: #"{"source": "aws.ec2"}"#))
        #expect(!suffix.matches(body: #"{"source": "aws.ec2.x"}"#))
        let ignoringCase = try body(#"{"source": [{"equals-ignore-case": "EC2"}]}"#)
        #expect(ignoringCase.matches(body: #"{"source": "ec2"}"#))
        #expect(ignoringCase.matches(body: #"{"source": "Ec2"}"#))
        #expect(!ignoringCase.matches(body: #"{"source": "ec2 "}"#))
    }

    @Test func anythingButNeedsAValueButAcceptsAnyOtherKind() throws {
        let policy = try body(#"{"state": [{"anything-but": "initializing"}]}"#)
        #expect(policy.matches(body: #"{"state": "running"}"#))
        #expect(policy.matches(body: #"{"state": 5}"#))
        #expect(!policy.matches(body: #"{"state": "initializing"}"#))
        #expect(!policy.matches(body: #"{"other": "running"}"#))
        let numbers = try body(#"{"x": [{"anything-but": [100, 200]}]}"#)
        #expect(!numbers.matches(body: #"{"x": 1e2}"#))
        #expect(numbers.matches(body: #"{"x": "100"}"#))
    }

    @Test func cidrRanges() throws {
        let v6 = try attributes(#"{"ip": [{"cidr": "2001:db8::/32"}]}"#)
        #expect(v6.matches(attributes: ["ip": .string("2001:db8:ffff::1")]))
        #expect(!v6.matches(attributes: ["ip": .string("2001:db9::1")]))
        #expect(!v6.matches(attributes: ["ip": .string("10.0.0.1")]))
        let mapped = try attributes(#"{"ip": [{"cidr": "10.0.0.0/8"}]}"#)
        #expect(mapped.matches(attributes: ["ip": .string("::ffff:a00:1")]))
        #expect(!mapped.matches(attributes: ["ip": .string("not-an-ip")]))
        // The range starts at the address as written: host bits are not cleared.
        let unaligned = try attributes(#"{"ip": [{"cidr": "10.0.0.5/24"}]}"#)
        #expect(unaligned.matches(attributes: ["ip": .string("10.0.0.200")]))
        #expect(!unaligned.matches(attributes: ["ip": .string("10.0.0.1")]))
    }

    @Test func aStringThatIsAnAddressMatchesThatAddressHoweverWritten() throws {
        let policy = try attributes(#"{"ip": ["2001:db8::1"]}"#)
        #expect(policy.matches(attributes: ["ip": .string("2001:0db8:0:0:0:0:0:1")]))
        #expect(!policy.matches(attributes: ["ip": .string("2001:db8::2")]))
    }

    @Test func onlyAWholeJSONObjectBodyCanMatch() throws {
        let policy = try body(#"{"a": [{"exists": false}]}"#)
        #expect(policy.matches(body: #"{"b": 1}"#))
        for body in [#"{"b": 1} trailing"#, #"[{"b": 1}]"#, "1", #"{"b": 1"#, ""] {
            #expect(!policy.matches(body: body), "\(body)")
        }
    }

    @Test func deeplyNestedArraysInTheBody() throws {
        let policy = try body(#"{"a": ["x"]}"#)
        func nested(_ value: String) -> String {
            #"{"a": "# + String(repeating: "[", count: 998) + value + String(repeating: "]", count: 998) + "}"
        }
        #expect(policy.matches(body: nested(#""x""#)))
        #expect(!policy.matches(body: nested(#""y""#)))
    }

    @Test func nestedOrInsideOr() throws {
        let policy = try body(#"""
            {"source": ["aws.cloudwatch"],
             "$or": [{"metricName": ["CPUUtilization"]},
                     {"metricType": ["MetricType"], "$or": [{"metricId": [1234]}, {"spaceId": [1000]}]}]}
            """#)
        #expect(policy.matches(body: #"{"source": "aws.cloudwatch", "metricType": "MetricType", "spaceId": 1000}"#))
        #expect(!policy.matches(body: #"{"source": "aws.cloudwatch", "metricType": "MetricType"}"#))
        #expect(!policy.matches(body: #"{"source": "aws.cloudwatch", "metricId": 1234}"#))
    }

    @Test func equalPoliciesCompareEqual() throws {
        #expect(try body(#"{"a": ["x"]}"#) == body(#"{ "a" : [ "x" ] }"#))
        #expect(try body(#"{"a": ["x"]}"#) != attributes(#"{"a": ["x"]}"#))
        #expect(try body(#"{"a": ["x"]}"#) != body(#"{"a": ["y"]}"#))
    }
}
