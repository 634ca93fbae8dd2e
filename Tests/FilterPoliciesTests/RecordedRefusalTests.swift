import FilterPolicies
import Testing

/// Every refusal of a filter policy recorded from AWS (`shared/reference/aws-recorded/sns`,
/// `test_sns_filter_policy.snapshot.json` and `test_sns.snapshot.json`), with the policy LocalStack's
/// test sent, written as its `json.dumps` writes it. The answers are AWS's, word for word, location
/// included.
@Suite struct RecordedRefusalTests {
    enum Call: Sendable {
        case subscribe, setSubscriptionAttributes

        /// What precedes the policy's own message in the call's answer.
        var prefix: String {
            switch self {
            case .subscribe: "Invalid parameter: Attributes Reason: "
            case .setSubscriptionAttributes: "Invalid parameter: "
            }
        }
    }

    struct RecordedRefusal: Sendable, CustomTestStringConvertible {
        var snapshotKey: String
        var call: Call
        var scope: FilterPolicyScope
        var policy: String
        var answer: String

        init(_ snapshotKey: String, _ call: Call, _ scope: FilterPolicyScope, _ policy: String, _ answer: String) {
            self.snapshotKey = snapshotKey
            self.call = call
            self.scope = scope
            self.policy = policy
            self.answer = answer
        }

        var testDescription: String { snapshotKey }
    }

    static let refusals: [RecordedRefusal] = [
        // test_validate_policy
        RecordedRefusal("error-condition-list", .subscribe, .messageAttributes,
                        #"{"key": [["value"]]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Match value must be String, number, true, false, or null\#n at [Source: (String)"{"key":[["value"]]}"; line: 1, column: 10]"#),
        RecordedRefusal("error-condition-operator", .subscribe, .messageAttributes,
                        #"{"key": [{"wrong-operator": true}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Unrecognized match type wrong-operator\#n at [Source: (String)"{"key":[{"wrong-operator":true}]}"; line: 1, column: 31]"#),
        RecordedRefusal("error-condition-two-operators", .subscribe, .messageAttributes,
                        #"{"key": [{"suffix": "value", "prefix": "value2"}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Only one key allowed in match expression\#n at [Source: (String)"{"key":[{"suffix":"value","prefix":"value2"}]}"; line: 1, column: 37]"#),
        // test_validate_policy_string_operators
        RecordedRefusal("error-condition-empty-array", .subscribe, .messageAttributes,
                        #"{"key": []}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Empty arrays are not allowed\#n at [Source: (String)"{"key":[]}"; line: 1, column: 10]"#),
        RecordedRefusal("error-condition-is-numeric", .subscribe, .messageAttributes,
                        #"{"key": [{"suffix": 100}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: suffix match pattern must be a string\#n at [Source: (String)"{"key":[{"suffix":100}]}"; line: 1, column: 22]"#),
        RecordedRefusal("error-condition-is-none", .subscribe, .messageAttributes,
                        #"{"key": [{"suffix": null}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: suffix match pattern must be a string\#n at [Source: (String)"{"key":[{"suffix":null}]}"; line: 1, column: 23]"#),
        RecordedRefusal("error-condition-is-not-list-and-operator", .subscribe, .messageAttributes,
                        #"{"key": {"suffix": "value"}}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: "suffix" must be an object or an array\#n at [Source: (String)"{"key":{"suffix":"value"}}"; line: 1, column: 19]"#),
        RecordedRefusal("error-condition-empty-list", .subscribe, .messageAttributes,
                        #"{"key": [{"suffix": []}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: suffix match pattern must be a string\#n at [Source: (String)"{"key":[{"suffix":[]}]}"; line: 1, column: 20]"#),
        RecordedRefusal("error-condition-list-wrong-type", .subscribe, .messageAttributes,
                        #"{"key": [{"suffix": ["test", "test2"]}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: suffix match pattern must be a string\#n at [Source: (String)"{"key":[{"suffix":["test","test2"]}]}"; line: 1, column: 20]"#),
        RecordedRefusal("error-condition-is-not-list-two-ops", .subscribe, .messageAttributes,
                        #"{"key": {"suffix": "value", "prefix": "value"}}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: "suffix" must be an object or an array\#n at [Source: (String)"{"key":{"suffix":"value","prefix":"value"}}"; line: 1, column: 19]"#),
        RecordedRefusal("error-condition-is-not-list-and-no-operator", .subscribe, .messageAttributes,
                        #"{"key": {"not-an-operator": "value"}}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: "not-an-operator" must be an object or an array\#n at [Source: (String)"{"key":{"not-an-operator":"value"}}"; line: 1, column: 28]"#),
        RecordedRefusal("error-condition-bad-type", .subscribe, .messageAttributes,
                        #"{"key": [{"cidr": ["bad-filter"]}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: prefix match pattern must be a string\#n at [Source: (String)"{"key":[{"cidr":["bad-filter"]}]}"; line: 1, column: 18]"#),
        RecordedRefusal("error-condition-bad-cidr-str", .subscribe, .messageAttributes,  // the policy is reconstructed: the recording keeps only the answer
                        #"{"key": [{"cidr": "bad-filter"}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Malformed CIDR, one '/' required"#),
        RecordedRefusal("error-condition-bad-cidr-str-slash", .subscribe, .messageAttributes,  // the policy is reconstructed: the recording keeps only the answer
                        #"{"key": [{"cidr": "bad-filter/64"}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Nonstandard IP address: bad-filter"#),
        RecordedRefusal("error-condition-bad-cidr-str-slash-2", .subscribe, .messageAttributes,  // the policy is reconstructed: the recording keeps only the answer
                        #"{"key": [{"cidr": "10.0.0.0/bad-filter"}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Malformed CIDR, mask bits must be an integer"#),
        RecordedRefusal("error-condition-bad-cidr-v4", .subscribe, .messageAttributes,  // the policy is reconstructed: the recording keeps only the answer
                        #"{"key": [{"cidr": "xx.11.xx/24"}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Nonstandard IP address: xx.11.xx"#),
        RecordedRefusal("error-condition-bad-cidr-v6", .subscribe, .messageAttributes,  // the policy is reconstructed: the recording keeps only the answer
                        #"{"key": [{"cidr": "xxxx:db8:1234:1a00::/64"}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Nonstandard IP address: xxxx:db8:1234:1a00::"#),
        // test_validate_policy_numeric_operator
        RecordedRefusal("error-numeric-empty", .subscribe, .messageAttributes,
                        #"{"key": [{"numeric": []}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Invalid member in numeric match: ]\#n at [Source: (String)"{"key":[{"numeric":[]}]}"; line: 1, column: 22]"#),
        RecordedRefusal("error-numeric-wrong-operator", .subscribe, .messageAttributes,
                        #"{"key": [{"numeric": ["operator"]}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Unrecognized numeric range operator: operator\#n at [Source: (String)"{"key":[{"numeric":["operator"]}]}"; line: 1, column: 32]"#),
        RecordedRefusal("error-numeric-operator-order", .subscribe, .messageAttributes,
                        #"{"key": [{"numeric": [1, "<="]}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Invalid member in numeric match: 1\#n at [Source: (String)"{"key":[{"numeric":[1,"<="]}]}"; line: 1, column: 22]"#),
        RecordedRefusal("error-numeric-type", .subscribe, .messageAttributes,
                        #"{"key": [{"numeric": ["=", "000"]}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Value of equals must be numeric\#n at [Source: (String)"{"key":[{"numeric":["=","000"]}]}"; line: 1, column: 26]"#),
        RecordedRefusal("error-numeric-missing-value", .subscribe, .messageAttributes,
                        #"{"key": [{"numeric": [">="]}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Value of >= must be numeric\#n at [Source: (String)"{"key":[{"numeric":[">="]}]}"; line: 1, column: 26]"#),
        RecordedRefusal("error-numeric-wrong-range-order", .subscribe, .messageAttributes,
                        #"{"key": [{"numeric": ["<", 100, ">", 10]}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Too many elements in numeric expression\#n at [Source: (String)"{"key":[{"numeric":["<",100,">",10]}]}"; line: 1, column: 30]"#),
        RecordedRefusal("error-numeric-wrong-range-operators", .subscribe, .messageAttributes,
                        #"{"key": [{"numeric": [">=", 1, ">", 2]}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Bad numeric range operator: >\#n at [Source: (String)"{"key":[{"numeric":[">=",1,">",2]}]}"; line: 1, column: 31]"#),
        RecordedRefusal("error-numeric-wrong-value-order", .subscribe, .messageAttributes,
                        #"{"key": [{"numeric": [">", 3, "<", 1]}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Bottom must be less than top\#n at [Source: (String)"{"key":[{"numeric":[">",3,"<",1]}]}"; line: 1, column: 33]"#),
        RecordedRefusal("error-numeric-missing-range-value", .subscribe, .messageAttributes,
                        #"{"key": [{"numeric": [">", 20, "<="]}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Value of <= must be numeric\#n at [Source: (String)"{"key":[{"numeric":[">",20,"<="]}]}"; line: 1, column: 33]"#),
        RecordedRefusal("error-numeric-missing-range-operator", .subscribe, .messageAttributes,
                        #"{"key": [{"numeric": [">", 20, 30]}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Bad value in numeric range: 30\#n at [Source: (String)"{"key":[{"numeric":[">",20,30]}]}"; line: 1, column: 30]"#),
        RecordedRefusal("error-numeric-wrong-second-range-operator", .subscribe, .messageAttributes,
                        #"{"key": [{"numeric": [">", 20, "test"]}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Bad numeric range operator: test\#n at [Source: (String)"{"key":[{"numeric":[">",20,"test"]}]}"; line: 1, column: 34]"#),
        RecordedRefusal("error-numeric-wrong-range-value-1-type", .subscribe, .messageAttributes,
                        #"{"key": [{"numeric": [">", "20", "<", "30"]}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Value of > must be numeric\#n at [Source: (String)"{"key":[{"numeric":[">","20","<","30"]}]}"; line: 1, column: 26]"#),
        RecordedRefusal("error-numeric-wrong-range-value-2-type", .subscribe, .messageAttributes,
                        #"{"key": [{"numeric": [">", 20, "<", "30"]}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Value of < must be numeric\#n at [Source: (String)"{"key":[{"numeric":[">",20,"<","30"]}]}"; line: 1, column: 33]"#),
        RecordedRefusal("error-numeric-too-many-range", .subscribe, .messageAttributes,
                        #"{"key": [{"numeric": [">", 20, "<", 30, "<", 50]}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Too many terms in numeric range expression\#n at [Source: (String)"{"key":[{"numeric":[">",20,"<",30,"<",50]}]}"; line: 1, column: 36]"#),
        // test_validate_policy_exists_operator
        RecordedRefusal("error-condition-none", .subscribe, .messageAttributes,
                        #"{"key": [{"exists": null}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: exists match pattern must be either true or false.\#n at [Source: (String)"{"key":[{"exists":null}]}"; line: 1, column: 23]"#),
        RecordedRefusal("error-condition-string", .subscribe, .messageAttributes,
                        #"{"key": [{"exists": "no"}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: exists match pattern must be either true or false.\#n at [Source: (String)"{"key":[{"exists":"no"}]}"; line: 1, column: 20]"#),
        // test_validate_policy_nested_anything_but_operator
        RecordedRefusal("error-condition-wrong-operator", .subscribe, .messageAttributes,
                        #"{"key": [{"anything-but": {"wrong-operator": null}}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Unsupported anything-but pattern: wrong-operator\#n at [Source: (String)"{"key":[{"anything-but":{"wrong-operator":null}}]}"; line: 1, column: 47]"#),
        RecordedRefusal("error-condition-anything-but-suffix", .subscribe, .messageAttributes,
                        #"{"key": [{"anything-but": {"suffix": "test"}}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Unsupported anything-but pattern: suffix\#n at [Source: (String)"{"key":[{"anything-but":{"suffix":"test"}}]}"; line: 1, column: 36]"#),
        RecordedRefusal("error-condition-anything-but-exists", .subscribe, .messageAttributes,
                        #"{"key": [{"anything-but": {"exists": false}}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Unsupported anything-but pattern: exists\#n at [Source: (String)"{"key":[{"anything-but":{"exists":false}}]}"; line: 1, column: 40]"#),
        RecordedRefusal("error-condition-anything-but-prefix-wrong-type", .subscribe, .messageAttributes,
                        #"{"key": [{"anything-but": {"prefix": false}}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: prefix match pattern must be a string\#n at [Source: (String)"{"key":[{"anything-but":{"prefix":false}}]}"; line: 1, column: 40]"#),
        // test_policy_complexity
        RecordedRefusal("error-complexity-in-one-condition", .subscribe, .messageAttributes,
                        Policy.values("key", count: 151),
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Filter policy is too complex"#),
        RecordedRefusal("error-complexity-in-two-conditions", .subscribe, .messageAttributes,
                        Policy.values("key1", count: 100, and: "key2", count: 51),
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Filter policy is too complex"#),
        RecordedRefusal("error-complexity-too-many-fields", .subscribe, .messageAttributes,
                        #"{"key1": ["value1"], "key2": ["value2"], "key3": ["value3"], "key4": ["value4"], "key5": ["value5"], "key6": ["value6"]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Filter policy can not have more than 5 keys"#),
        // test_policy_complexity_with_or
        RecordedRefusal("error-complexity-or-flat", .subscribe, .messageAttributes,
                        #"{"source": ["aws.cloudwatch", "aws.events", "aws.test", "aws.test2"], "$or": [{"metricName": ["CPUUtilization", "ReadLatency", "t1", "t2", "t3", "t4"]}, {"metricType": ["MetricType", "TestType", "TestType2", "TestType3"], "$or": [{"metricId": [1234, 4321, 5678, 9012]}, {"spaceId": [1, 2, 3, 4]}]}]}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Filter policy is too complex"#),
        RecordedRefusal("error-complexity-or-nested", .subscribe, .messageBody,
                        #"{"$or": [{"metricName": ["CPUUtilization", "ReadLatency", "TestValue"]}, {"namespace": ["AWS/EC2", "AWS/ES"]}], "detail": {"scope": ["Service", "Test"], "$or": [{"source": ["aws.cloudwatch"]}, {"type": ["CloudWatch Alarm State Change", "TestValue", "TestValue2"]}]}}"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: Filter policy is too complex"#),
        // test_sub_filter_policy_nested_property
        RecordedRefusal("sub-filter-policy-nested-error", .setSubscriptionAttributes, .messageAttributes,
                        #"{"object": {"key": [{"prefix": "auto-"}]}}"#,
                        #"Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy"#),
        // test_sub_filter_policy_nested_property_constraints
        RecordedRefusal("sub-filter-policy-nested-error-too-many-combinations", .setSubscriptionAttributes, .messageBody,
                        #"{"key_a": {"key_b": {"key_c": ["value_one", "value_two", "value_three", "value_four"]}}, "key_d": {"key_e": ["value_one", "value_two", "value_three"]}, "key_f": ["value_one", "value_two", "value_three"]}"#,
                        #"Invalid parameter: FilterPolicy: Filter policy is too complex"#),
        RecordedRefusal("sub-filter-policy-max-attr-keys", .setSubscriptionAttributes, .messageBody,
                        #"{"key_a": ["value_one"], "key_b": ["value_two"], "key_c": ["value_three"], "key_d": ["value_four"], "key_e": ["value_five"], "key_f": ["value_six"]}"#,
                        #"Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys"#),
        RecordedRefusal("sub-filter-policy-rule-no-list", .setSubscriptionAttributes, .messageBody,
                        #"{"key_a": "value_one"}"#,
                        #"Invalid parameter: FilterPolicy: "key_a" must be an object or an array\#n at [Source: (String)"{"key_a":"value_one"}"; line: 1, column: 11]"#),
        // test_validate_set_sub_attributes
        RecordedRefusal("invalid-json-filter-policy", .setSubscriptionAttributes, .messageAttributes,
                        #"{invalidjson}"#,
                        #"Invalid parameter: FilterPolicy: failed to parse JSON. Unexpected character ('i' (code 105)): was expecting double-quote to start field name\#n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 2]"#),
        // test_subscribe_invalid_filter_policy
        RecordedRefusal("subscribe-invalid-filter-policy", .subscribe, .messageAttributes,  // the policy is reconstructed: the recording keeps only the answer
                        #"invalid-json"#,
                        #"Invalid parameter: Attributes Reason: FilterPolicy: failed to parse JSON. Unrecognized token 'invalid': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\#n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 8]"#),
    ]

    @Test(arguments: refusals)
    func refusedWithTheRecordedAnswer(_ refusal: RecordedRefusal) {
        do {
            _ = try FilterPolicy(json: refusal.policy, scope: refusal.scope)
            Issue.record("accepted \(refusal.policy)")
        } catch {
            #expect(refusal.call.prefix + error.message == refusal.answer)
        }
    }
}
