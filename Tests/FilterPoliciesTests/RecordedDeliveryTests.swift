import FilterPolicies
import Testing

/// The deliveries AWS made, and did not make, for the policies of LocalStack's
/// `test_sns_filter_policy.py`, recorded in `test_sns_filter_policy.snapshot.json`.
@Suite struct RecordedDeliveryTests {
    private func policy(_ json: String, _ scope: FilterPolicyScope = .messageAttributes) throws -> FilterPolicy {
        try FilterPolicy(json: json, scope: scope)
    }

    private func number(_ value: String) -> FilterAttribute { FilterAttribute(dataType: "Number", stringValue: value) }

    /// `test_filter_policy` and `test_filter_policy_for_batch`: 99 is delivered, 111 is not.
    @Test func numericRangeOnANumberAttribute() throws {
        let range = try policy(#"{"attr1": [{"numeric": [">", 0, "<=", 100]}]}"#)
        #expect(range.matches(attributes: ["attr1": number("99")]))
        #expect(!range.matches(attributes: ["attr1": number("111")]))
    }

    /// `test_filter_policy`, `messages-3`: a message without attributes is not delivered.
    @Test func nullOrAnythingButNeedsTheAttribute() throws {
        let policy = try policy(#"{"attr1": [null, {"anything-but": "whatever"}]}"#)
        #expect(!policy.matches(attributes: [:]))
    }

    /// `test_exists_filter_policy`.
    @Test func existsTrueAndFalse() throws {
        let mustExist = try policy(#"{"store": [{"exists": true}]}"#)
        #expect(mustExist.matches(attributes: ["store": number("99"), "def": number("99")]))
        #expect(!mustExist.matches(attributes: ["attr1": number("111")]))

        let mustNotExist = try policy(#"{"store": [{"exists": false}]}"#)
        #expect(mustNotExist.matches(attributes: ["def": number("99")]))
        #expect(!mustNotExist.matches(attributes: ["store": number("99"), "def": number("99")]))
    }

    /// `test_exists_filter_policy_attributes_array`.
    @Test func stringArrayMatchesByAnyElement() throws {
        let policy = try policy(#"{"store": ["value1"]}"#)
        #expect(policy.matches(attributes: ["store": .string("value1")]))
        #expect(policy.matches(attributes: ["store": .stringArray(#"["value1", "value2"]"#)]))
        #expect(!policy.matches(attributes: ["store": .stringArray(#"["value2", "value3"]"#)]))
    }

    /// `test_filter_policy_on_message_body`, with and without raw delivery.
    @Test func nestedBodyPolicyWithPrefixAndAbsences() throws {
        let policy = try policy(#"""
            {"object": {"key": [{"prefix": "auto-"}, "hardcodedvalue"], "nested_key": [{"exists": false}]},
             "test": [{"exists": false}]}
            """#, .messageBody)
        #expect(policy.matches(body: #"{"object": {"key": "auto-test"}}"#))
        #expect(policy.matches(body: #"{"object": {"key": "hardcodedvalue"}}"#))
        for refused in [#"{"object": {"key": "test-auto"}}"#,
                        #"{"object": {"key": "auto-test"}, "test": "just-exists"}"#,
                        #"{"object": {"key": "auto-test", "nested_key": "just-exists"}}"#,
                        #"{"object": {"test": "auto-test"}}"#,
                        #"{"test": "auto-test"}"#,
                        "Regular string message",
                        #""Regular string message""#] {
            #expect(!policy.matches(body: refused), "\(refused)")
        }
    }

    /// `test_filter_policy_on_message_body_dot_attribute`: dots in a policy key and in the body
    /// are the same as nesting.
    @Test func dottedKeysMatchNestedAndDottedProperties() throws {
        let nested = try policy(#"{"object.nested": ["string.value"]}"#, .messageBody)
        #expect(nested.matches(body: #"{"object": {"nested": "string.value"}}"#))
        #expect(nested.matches(body: #"{"object.nested": "string.value"}"#))
        #expect(!nested.matches(body: #"{"object": {"nested": "test-auto"}}"#))

        let deep = try policy(#"{"object.nested.test": ["string.value"]}"#, .messageBody)
        for delivered in [#"{"object": {"nested": {"test": "string.value"}}}"#,
                          #"{"object.nested.test": "string.value"}"#,
                          #"{"object.nested": {"test": "string.value"}}"#,
                          #"{"object": {"nested.test": "string.value"}}"#] {
            #expect(deep.matches(body: delivered), "\(delivered)")
        }
        #expect(!deep.matches(body: #"{"object": {"nested": {"test": "string.notvalue"}}}"#))
    }

    /// `test_filter_policy_on_message_body_array_attributes`: two subscriptions, four messages.
    @Test func bodyArraysOfferEachElement() throws {
        let queue1 = try policy(#"{"headers": {"route-to": ["queue1"]}}"#, .messageBody)
        let queue2 = try policy(#"{"headers": {"route-to": ["queue2"]}}"#, .messageBody)
        let messages = [#"{"headers": {"route-to": ["queue3"]}}"#, #"{"headers": {"route-to": ["queue1"]}}"#,
                        #"{"headers": {"route-to": ["queue2"]}}"#, #"{"headers": {"route-to": ["queue1", "queue2"]}}"#]
        #expect(messages.map(queue1.matches(body:)) == [false, true, false, true])
        #expect(messages.map(queue2.matches(body:)) == [false, false, true, true])
    }

    /// `test_filter_policy_on_message_body_array_of_object_attributes`: of four S3-like events,
    /// the one with two records (the first matching, nested in arrays of arrays) and the created
    /// `auto-` object are delivered.
    @Test func arraysOfObjectsInTheBody() throws {
        let policy = try policy(#"""
            {"Records": {"s3": {"object": {"key": [{"prefix": "auto-"}]}}, "eventName": [{"prefix": "ObjectCreated:"}]}}
            """#, .messageBody)
        func record(_ name: String, _ key: String) -> String {
            #"{"eventSource": "aws:s3", "eventTime": "2022-11-21T03:41:29.743Z", "eventName": "\#(name)", "s3": {"bucket": "#
                + #"{"name": "insurance-bucket-demo", "arn": "arn:aws:s3:::insurance-bucket-demo"}, "object": {"key": "\#(key)", "size": 17}}}"#
        }
        let multipleRecords = #"""
            {"Records": [{"eventSource": "aws:s3", "eventName": "ObjectCreated:Put",
                          "s3": {"object": [[{"key": "auto-insurance-2314.xml", "size": 17}]]}},
                         {"eventSource": "aws:s3", "eventName": "ObjectRemoved:Delete",
                          "s3": {"object": {"key": "home-insurance-2314.xml", "size": 17}}}]}
            """#
        #expect(policy.matches(body: multipleRecords))
        #expect(!policy.matches(body: #"{"Records": [\#(record("ObjectRemoved:Delete", "auto-insurance-2314.xml"))]}"#))
        #expect(!policy.matches(body: #"{"Records": [\#(record("ObjectCreated:Put", "home-insurance-2314.xml"))]}"#))
        #expect(policy.matches(body: #"{"Records": [\#(record("ObjectCreated:Put", "auto-insurance-2314.xml"))]}"#))
    }

    /// `test_filter_policy_on_message_body_or_attribute`: five of the twelve messages are delivered.
    @Test func orAtTheTopAndNested() throws {
        let policy = try policy(#"""
            {"$or": [{"metricName": ["CPUUtilization", "ReadLatency"]}, {"namespace": ["AWS/EC2", "AWS/ES"]}],
             "detail": {"scope": ["Service"], "$or": [{"source": ["aws.cloudwatch"]}, {"type": ["CloudWatch Alarm State Change"]}]}}
            """#, .messageBody)
        let refused = [
            #"{"metricName": "CPUUtilization", "detail": {"scope": "aws.cloudwatch", "type": "CloudWatch Alarm State Change"}}"#,
            #"{"metricName": "CPUUtilization", "detail": {"scope": "Service", "type": "CPUUtilization"}}"#,
            #"{"metricName": "CPUUtilization", "detail": {"type": "CloudWatch Alarm State Change"}}"#,
            #"{"metricName": "CPUUtilization", "detail": {"scope": "Service"}}"#,
            #"{"metricName": "CPUUtilization", "scope": "Service"}"#,
            #"{"metricName": "AWS/EC2", "detail": {"scope": "Service", "type": "CloudWatch Alarm State Change"}}"#,
            #"{"namespace": "CPUUtilization", "detail": {"scope": "Service", "type": "CloudWatch Alarm State Change"}}"#,
        ]
        let delivered = [
            #"{"metricName": "CPUUtilization", "detail": {"scope": "Service", "source": "aws.cloudwatch"}}"#,
            #"{"metricName": "ReadLatency", "detail": {"scope": "Service", "source": "aws.cloudwatch"}}"#,
            #"{"namespace": "AWS/EC2", "detail": {"scope": "Service", "source": "aws.cloudwatch"}}"#,
            #"{"namespace": "AWS/ES", "detail": {"scope": "Service", "source": "aws.cloudwatch"}}"#,
            #"{"metricName": "CPUUtilization", "detail": {"scope": "Service", "type": "CloudWatch Alarm State Change"}}"#,
        ]
        for body in refused { #expect(!policy.matches(body: body), "\(body)") }
        for body in delivered { #expect(policy.matches(body: body), "\(body)") }
    }

    /// `test_filter_policy_ip_address_condition` delivered `10.0.0.255` and
    /// `2001:0db8:1234:1a00:0000:0000:0000:0000`; the policy is reconstructed (the recording keeps
    /// only the deliveries), and the undelivered addresses are ours.
    @Test func cidrOnIPv4AndIPv6() throws {
        let policy = try policy(#"""
            {"detail": {"$or": [{"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]},
                                {"sourceIPAddressV6": [{"cidr": "2001:0db8:1234:1a00::/64"}]}]}}
            """#, .messageBody)
        #expect(policy.matches(body: #"{"id": "1", "detail": {"sourceIPAddress": "10.0.0.255"}}"#))
        #expect(policy.matches(body: #"{"id": "3", "detail": {"sourceIPAddressV6": "2001:0db8:1234:1a00:0000:0000:0000:0000"}}"#))
        #expect(!policy.matches(body: #"{"id": "2", "detail": {"sourceIPAddress": "10.0.1.1"}}"#))
        #expect(!policy.matches(body: #"{"id": "4", "detail": {"sourceIPAddressV6": "2001:db8:1234:1b00::1"}}"#))
    }

    /// The policies AWS accepted: nested in `MessageBody` scope (`sub-attrs-after-setting-nested-policy`),
    /// the three `anything-but` forms of `test_validate_policy_nested_anything_but_operator`, and the
    /// `$or` policy of exactly 150 combinations of `test_policy_complexity_with_or`.
    @Test func acceptedPolicies() throws {
        _ = try policy(#"{"object": {"key": [{"prefix": "auto-"}]}}"#, .messageBody)
        _ = try policy(#"{"key": [{"anything-but": {"prefix": "test-"}}]}"#)
        _ = try policy(#"{"key": [{"anything-but": ["test", "test2"]}]}"#)
        _ = try policy(#"{"key": [{"anything-but": "test"}]}"#)
        _ = try policy(#"""
            {"source": ["aws.cloudwatch", "aws.events", "aws.test"],
             "$or": [{"metricName": ["CPUUtilization", "ReadLatency", "TestVal", "TestVal2", "TestVal3", "TestVal4"]},
                     {"metricType": ["MetricType", "TestType", "TestType2", "TestType3"],
                      "$or": [{"metricId": [1234, 4321, 5678, 9012]}, {"spaceId": [1, 2, 3, 4, 5, 6, 7]}]}]}
            """#)
    }
}
