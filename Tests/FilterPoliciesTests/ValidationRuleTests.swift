import FilterPolicies
import Testing

/// Refusals AWS was not recorded giving, worded as the rule compiler SNS runs (Event Ruler) and
/// the JSON reader before it (Jackson) word them; and the policy text those refusals quote, which
/// is the policy as SNS re-serializes it.
@Suite struct ValidationRuleTests {
    private func refusal(_ json: String, _ scope: FilterPolicyScope = .messageAttributes) -> String? {
        do {
            _ = try FilterPolicy(json: json, scope: scope)
            return nil
        } catch {
            return error.message
        }
    }

    private func located(_ reason: String, _ canonical: String, column: Int) -> String {
        "FilterPolicy: \(reason)\n at [Source: (String)\"\(canonical)\"; line: 1, column: \(column)]"
    }

    @Test(arguments: [
        (#"{"key": [{"numeric": [">", 1.50, "<", 1e0]}]}"#, "Bottom must be less than top",
         #"{"key":[{"numeric":[">",1.5,"<",1.0]}]}"#, 37),
        (#"{"key": [{"numeric": ["<", 1e10]}]}"#, "Value must be between -1.0E9 and 1.0E9, inclusive",
         #"{"key":[{"numeric":["<",1.0E10]}]}"#, 32),
        (#"{"key": [{"anything-but": [1, "a"]}]}"#,
         "Inside anything but list, either all values are number or string, mixed type is not supported",
         #"{"key":[{"anything-but":[1,"a"]}]}"#, 32),
        (#"{"key": [{"anything-but": {"prefix": ""}}]}"#, "Null prefix not allowed",
         #"{"key":[{"anything-but":{"prefix":""}}]}"#, 37),
        (#"{"key": [{}]}"#, "Match expression name not found", #"{"key":[{}]}"#, 11),
        (#"["a"]"#, "Filter is not an object", #"["a"]"#, 2),
        ("{}", "Empty objects are not allowed", "{}", 3),
        (#"{"a": {}}"#, "Empty objects are not allowed", #"{"a":{}}"#, 8),
        (#"{"$or": [{"a": ["x"]}]}"#, "There must have at least 2 Objects in $or relationship.",
         #"{"$or":[{"a":["x"]}]}"#, 21),
        (#"{"$or": {"a": ["x"]}}"#, "It must be an Array followed with $or.", #"{"$or":{"a":["x"]}}"#, 9),
        (#"{"$or": [{"a": ["x"]}, ["b"]]}"#, "Only JSON object is allowed in array of $or relationship.",
         #"{"$or":[{"a":["x"]},["b"]]}"#, 22),
        (#"{"$or": [{"prefix": ["x"]}, {"b": ["y"]}]}"#,
         "prefix is Ruler reserved fieldName which cannot be used inside $or.",
         #"{"$or":[{"prefix":["x"]},{"b":["y"]}]}"#, 20),
        (#"{"key": [{"numeric": "x"}]}"#, "Value of numeric must be an array.", #"{"key":[{"numeric":"x"}]}"#, 21),
        (#"{"key": [{"anything-but": true}]}"#,
         "Value of anything-but must be an array or single string/number value.",
         #"{"key":[{"anything-but":true}]}"#, 29),
        (#"{"key": [{"equals-ignore-case": 5}]}"#, "equals-ignore-case match pattern must be a string",
         #"{"key":[{"equals-ignore-case":5}]}"#, 32),
    ])
    func ruleCompilerRefusalsQuoteTheReserializedPolicy(_ policy: String, _ reason: String, _ canonical: String,
                                                        _ column: Int) {
        #expect(refusal(policy) == located(reason, canonical, column: column))
    }

    @Test(arguments: [
        ("10.0.0.1/32", "IPv4 mask bits must be < 32"),
        ("::1/128", "IPv6 mask bits must be < 128"),
        ("10.0.0.0/-1", "Malformed CIDR, mask bits must not be negative"),
        ("300.1.1.1/8", "Invalid IP address: 300.1.1.1"),
        ("1:::2/64", "Invalid IP address: 1:::2"),
        ("10.0.0.0/eight", "Malformed CIDR, mask bits must be an integer"),
        ("10.0.0.0//8", "Malformed CIDR, one '/' required"),
    ])
    func cidrRefusalsCarryNoLocation(_ cidr: String, _ reason: String) {
        #expect(refusal(#"{"ip": [{"cidr": "\#(cidr)"}]}"#) == "FilterPolicy: " + reason)
    }

    @Test func longPoliciesAreQuotedUpToFiveHundredCharacters() {
        let values = (0..<100).map { "\"v\($0)\"" }
        let policy = #"{"key": [\#(values.joined(separator: ", "))], "bad": "x"}"#
        let canonical = #"{"key":[\#(values.joined(separator: ","))],"bad":"x"}"#
        let column = canonical.utf16.count - 2
        let quoted = String(canonical.prefix(500))
        #expect(refusal(policy) == "FilterPolicy: \"bad\" must be an object or an array\n at [Source: (String)\"\(quoted)\""
                + "[truncated \(canonical.count - 500) chars]; line: 1, column: \(column)]")
    }

    @Test func aRepeatedKeyReplacesTheEarlierValueInItsPlace() {
        #expect(refusal(#"{"key": [{"suffix": 1}], "key": ["fine"]}"#) == nil)
        #expect(refusal(#"{"key": ["fine"], "other": ["x"], "key": {"suffix": "v"}}"#)
                == located("\"suffix\" must be an object or an array", #"{"key":{"suffix":"v"},"other":["x"]}"#, column: 19))
    }

    @Test func textAfterTheJSONValueIsIgnoredAsJacksonIgnoresIt() {
        #expect(refusal(#"{"key": ["v"]} and more"#) == nil)
    }

    @Test(arguments: [
        ("{\n  \"key\": [\"a\" \"b\"]\n}",
         "Unexpected character ('\"' (code 34)): was expecting comma to separate Array entries", 2, 15),
        (#"{"key": ["a"]"#,
         "Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED "
            + "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])", 1, 14),
        (#"{"key": [tru]}"#,
         "Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
         1, 13),
        (#"{"key" ["a"]}"#, "Unexpected character ('[' (code 91)): was expecting a colon to separate field name and value",
         1, 8),
        (#"{"key": [01]}"#, "Invalid numeric value: Leading zeroes not allowed", 1, 11),
        ("", "No content to map due to end-of-input", 1, 1),
    ])
    func unreadablePoliciesAreAnsweredInJacksonsWords(_ policy: String, _ reason: String, _ line: Int, _ column: Int) {
        #expect(refusal(policy) == "FilterPolicy: failed to parse JSON. \(reason)\n at [Source: REDACTED "
                + "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: \(line), column: \(column)]")
    }

    @Test func fiveKeysAreAllowed() {
        #expect(refusal(#"{"a": ["1"], "b": ["2"], "c": ["3"], "d": ["4"], "e": ["5"]}"#) == nil)
    }

    @Test func nestingIsRefusedInAttributeScopeEvenInsideOr() {
        let policy = #"{"$or": [{"a": {"b": ["x"]}}, {"c": ["y"]}]}"#
        #expect(refusal(policy) == "Filter policy scope MessageAttributes does not support nested filter policy")
        #expect(refusal(policy, .messageBody) == nil)
    }

    /// Depth multiplies: three levels × 50 values is 150, three levels × 51 is 153.
    @Test func nestingDepthCountsTowardComplexity() {
        let fifty = Policy.values("c", count: 50)
        let fiftyOne = Policy.values("c", count: 51)
        #expect(refusal(#"{"a": {"b": \#(fifty)}}"#, .messageBody) == nil)
        #expect(refusal(#"{"a": {"b": \#(fiftyOne)}}"#, .messageBody) == "FilterPolicy: Filter policy is too complex")
    }

    /// Jackson's `StreamReadConstraints` stop nesting at 1,000 levels; below that, depth makes a
    /// policy too complex long before it could exhaust a stack.
    @Test func deepNesting() {
        func nested(_ depth: Int) -> String {
            String(repeating: #"{"a":"#, count: depth) + #"["x"]"# + String(repeating: "}", count: depth)
        }
        #expect(refusal(nested(999), .messageBody) == "FilterPolicy: Filter policy is too complex")
        #expect(refusal(nested(1_000), .messageBody) == "FilterPolicy: failed to parse JSON. Document nesting depth (1001) "
                + "exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)")
    }

    @Test func theScopeIsNamedAsSNSNamesIt() {
        #expect(FilterPolicyScope(rawValue: "MessageBody") == .messageBody)
        #expect(FilterPolicyScope(rawValue: "MessageAttributes") == .messageAttributes)
        #expect(FilterPolicyScope(rawValue: "RandomValue") == nil)
    }
}
