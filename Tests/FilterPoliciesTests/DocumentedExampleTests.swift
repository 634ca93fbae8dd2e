import FilterPolicies
import Testing

/// The examples of the Amazon SNS Developer Guide ("Amazon SNS subscription filter policies" and
/// its pages on string, numeric and key matching, AND/OR logic and constraints), policy and
/// messages as printed there.
@Suite struct DocumentedExampleTests {
    private func attributes(_ json: String) throws -> FilterPolicy {
        try FilterPolicy(json: json, scope: .messageAttributes)
    }

    private func body(_ json: String) throws -> FilterPolicy {
        try FilterPolicy(json: json, scope: .messageBody)
    }

    private func string(_ value: String) -> FilterAttribute { .string(value) }
    private func number(_ value: String) -> FilterAttribute { .number(value) }

    @Test func exactStringMatching() throws {
        let policy = try attributes(#"{"customer_interests": ["rugby", "tennis"]}"#)
        #expect(policy.matches(attributes: ["customer_interests": string("rugby")]))
        #expect(policy.matches(attributes: ["customer_interests": string("tennis")]))
        #expect(policy.matches(attributes: ["customer_interests": .stringArray(#"["rugby", "tennis"]"#)]))
        #expect(!policy.matches(attributes: ["customer_interests": string("baseball")]))
        #expect(!policy.matches(attributes: ["customer_interests": .stringArray(#"["baseball"]"#)]))

        let payload = try body(#"{"customer_interests": ["rugby", "tennis"]}"#)
        #expect(payload.matches(body: #"{"customer_interests": "rugby"}"#))
        #expect(payload.matches(body: #"{"customer_interests": "tennis"}"#))
        #expect(!payload.matches(body: #"{"customer_interests": "baseball"}"#))
    }

    @Test func prefixMatching() throws {
        let policy = try attributes(#"{"customer_interests": [{"prefix": "bas"}]}"#)
        #expect(policy.matches(attributes: ["customer_interests": string("baseball")]))
        #expect(policy.matches(attributes: ["customer_interests": string("basketball")]))
        #expect(!policy.matches(attributes: ["customer_interests": string("rugby")]))
    }

    @Test func anythingButMatching() throws {
        let policy = try attributes(#"{"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}"#)
        #expect(policy.matches(attributes: ["customer_interests": string("baseball")]))
        #expect(policy.matches(attributes: ["customer_interests": string("football")]))
        // "because it contains a value that isn't rugby or tennis"
        #expect(policy.matches(attributes: ["customer_interests": .stringArray(#"["rugby", "baseball"]"#)]))
        #expect(!policy.matches(attributes: ["customer_interests": string("rugby")]))

        let payload = try body(#"{"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}"#)
        #expect(payload.matches(body: #"{"customer_interests": "baseball"}"#))
        #expect(payload.matches(body: #"{"customer_interests": ["rugby", "baseball"]}"#))
        #expect(!payload.matches(body: #"{"customer_interests": "rugby"}"#))
    }

    @Test func anythingButPrefix() throws {
        let policy = try attributes(#"{"event":[{"anything-but": {"prefix":"order-"}}]}"#)
        #expect(policy.matches(attributes: ["event": string("data-entry")]))
        #expect(policy.matches(attributes: ["event": string("order_number")]))
        #expect(!policy.matches(attributes: ["event": string("order-cancelled")]))
    }

    @Test func ipAddressMatching() throws {
        let policy = try attributes(#"{"source_ip":[{"cidr": "10.0.0.0/24"}]}"#)
        #expect(policy.matches(attributes: ["source_ip": string("10.0.0.0")]))
        #expect(policy.matches(attributes: ["source_ip": string("10.0.0.255")]))
        #expect(!policy.matches(attributes: ["source_ip": string("10.1.1.0")]))
    }

    @Test func numericExactMatching() throws {
        let policy = try attributes(#"{"price_usd": [{"numeric": ["=",301.5]}]}"#)
        #expect(policy.matches(attributes: ["price_usd": number("301.5")]))
        #expect(policy.matches(attributes: ["price_usd": number("3.015e2")]))
        #expect(!policy.matches(attributes: ["price_usd": number("301.6")]))

        let payload = try body(#"{"price_usd": [{"numeric": ["=",301.5]}]}"#)
        #expect(payload.matches(body: #"{"price_usd": 301.5}"#))
        #expect(payload.matches(body: #"{"price_usd": 3.015e2}"#))
    }

    @Test func numericAnythingButMatching() throws {
        let policy = try attributes(#"{"price": [{"anything-but": [100, 500]}]}"#)
        #expect(policy.matches(attributes: ["price": number("101")]))
        #expect(policy.matches(attributes: ["price": number("100.1")]))
        #expect(!policy.matches(attributes: ["price": number("100")]))

        let payload = try body(#"{"price": [{"anything-but": [100, 500]}]}"#)
        #expect(payload.matches(body: #"{"price": 101}"#))
        #expect(payload.matches(body: #"{"price": 100.1}"#))
        #expect(payload.matches(body: #"{"price": [100, 50]}"#))
        #expect(!payload.matches(body: #"{"price": 100}"#))
    }

    @Test func numericRangeMatching() throws {
        let negative = try attributes(#"{"price_usd": [{"numeric": ["<", 0]}]}"#)
        #expect(negative.matches(attributes: ["price_usd": number("-0.5")]))
        #expect(!negative.matches(attributes: ["price_usd": number("0")]))

        // "It matches any message attribute or message body property with positive numbers up to and including 150."
        let upTo150 = try body(#"{"price_usd": [{"numeric": [">", 0, "<=", 150]}]}"#)
        #expect(upTo150.matches(body: #"{"price_usd": 150}"#))
        #expect(upTo150.matches(body: #"{"price_usd": 0.00001}"#))
        #expect(!upTo150.matches(body: #"{"price_usd": 0}"#))
        #expect(!upTo150.matches(body: #"{"price_usd": 150.00001}"#))
        #expect(!upTo150.matches(body: #"{"price_usd": "100"}"#))
    }

    @Test func keyMatching() throws {
        let withStore: [String: FilterAttribute] = [
            "store": string("fans"), "customer_interests": .stringArray(#"["baseball", "basketball"]"#),
        ]
        let withoutStore: [String: FilterAttribute] = ["customer_interests": .stringArray(#"["baseball", "basketball"]"#)]
        let exists = try attributes(#"{"store": [{"exists": true}]}"#)
        #expect(exists.matches(attributes: withStore))
        #expect(!exists.matches(attributes: withoutStore))
        let absent = try attributes(#"{"store": [{"exists": false}]}"#)
        #expect(!absent.matches(attributes: withStore))
        #expect(absent.matches(attributes: withoutStore))
        // "An empty set of attributes results in the filter not matching."
        #expect(!absent.matches(attributes: [:]))

        let bodyWithStore = #"{"store": "fans", "customer_interests": ["baseball", "basketball"]}"#
        let bodyWithoutStore = #"{"customer_interests": ["baseball", "basketball"]}"#
        let existsInBody = try body(#"{"store": [{"exists": true}]}"#)
        #expect(existsInBody.matches(body: bodyWithStore))
        #expect(!existsInBody.matches(body: bodyWithoutStore))
        let absentFromBody = try body(#"{"store": [{"exists": false}]}"#)
        #expect(!absentFromBody.matches(body: bodyWithStore))
        #expect(absentFromBody.matches(body: bodyWithoutStore))
    }

    @Test func andLogic() throws {
        let policy = try attributes(#"{"customer_interests": ["rugby"], "price_usd": [{"numeric": [">", 100]}]}"#)
        #expect(policy.matches(attributes: ["customer_interests": string("rugby"), "price_usd": number("100.5")]))
        #expect(!policy.matches(attributes: ["customer_interests": string("rugby"), "price_usd": number("100")]))
        #expect(!policy.matches(attributes: ["customer_interests": string("rugby")]))
    }

    @Test func orLogic() throws {
        let policy = try attributes(#"{"customer_interests": ["rugby", "football", "baseball"]}"#)
        for interest in ["rugby", "football", "baseball"] {
            #expect(policy.matches(attributes: ["customer_interests": string(interest)]))
        }
        #expect(!policy.matches(attributes: ["customer_interests": string("tennis")]))
    }

    @Test func orOperator() throws {
        let policy = try attributes(#"""
            {"source": ["aws.cloudwatch"], "$or": [{"metricName": ["CPUUtilization", "ReadLatency"]}, {"namespace": ["AWS/EC2", "AWS/ES"]}]}
            """#)
        #expect(policy.matches(attributes: ["source": string("aws.cloudwatch"), "metricName": string("ReadLatency")]))
        #expect(policy.matches(attributes: ["source": string("aws.cloudwatch"), "namespace": string("AWS/ES")]))
        #expect(!policy.matches(attributes: ["source": string("aws.cloudwatch"), "namespace": string("AWS/S3")]))
        #expect(!policy.matches(attributes: ["metricName": string("ReadLatency")]))
    }

    /// "Example filter policies": the transaction message, as attributes and as a payload.
    @Test func examplePoliciesAcceptAndRejectTheTransaction() throws {
        let accepting = #"""
            {"store": ["example_corp"], "event": [{"anything-but": "order_cancelled"}],
             "customer_interests": ["rugby", "football", "baseball"], "price_usd": [{"numeric": [">=", 100]}]}
            """#
        let rejecting = #"""
            {"store": ["example_corp"], "event": ["order_cancelled"], "encrypted": [false],
             "customer_interests": ["basketball", "baseball"]}
            """#
        let message: [String: FilterAttribute] = [
            "customer_interests": .stringArray(#"["soccer", "rugby", "hockey"]"#), "store": string("example_corp"),
            "event": string("order_placed"), "price_usd": number("210.75"),
        ]
        #expect(try attributes(accepting).matches(attributes: message))
        #expect(try !attributes(rejecting).matches(attributes: message))

        let payload = #"""
            {"customer_interests": ["soccer", "rugby", "hockey"], "store": "example_corp", "event":"order_placed", "price_usd":210.75}
            """#
        #expect(try body(accepting).matches(body: payload))
        #expect(try !body(rejecting).matches(body: payload))
    }

    /// "Filter policy constraints": 3 × 1 × 2 = 6 combinations, and a payload policy whose nested
    /// keys do not count toward the five keys.
    @Test func documentedConstraintExamplesAreAccepted() throws {
        _ = try attributes(#"{"key_a": ["value_one", "value_two", "value_three"], "key_b": ["value_one"], "key_c": ["value_one", "value_two"]}"#)
        _ = try body(#"""
            {"state": ["SUCCESS"], "severity": [{"exists": true}], "message": [{"exists": true}],
             "finding": {"standard_control": [{"exists": true}], "region": [{"exists": true}], "account": [{"exists": true}]}}
            """#)
    }
}
