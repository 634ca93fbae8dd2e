import AWSWire
import Foundation

/// A topic: where it is, how it is configured, its tags and its data protection policy.
public struct SNSTopic: Sendable, Equatable {
    /// Unique for ever, unlike the ARN: a topic created again under a deleted topic's name is
    /// another topic, and none of the old one's subscriptions are its.
    public var id: Int64
    public var address: TopicAddress
    public var configuration: TopicConfiguration
    /// "Adding more than 50 tags to an Amazon SNS topic isn't recommended"; "A new tag with a key
    /// identical to that of an existing tag overwrites the existing tag." (TagResource)
    public var tags: [String: String]
    /// The JSON of PutDataProtectionPolicy, stored and answered as given.
    public var dataProtectionPolicy: String?
    public var createdAt: Date

    public init(id: Int64, address: TopicAddress, configuration: TopicConfiguration, tags: [String: String] = [:],
                dataProtectionPolicy: String? = nil, createdAt: Date) {
        self.id = id
        self.address = address
        self.configuration = configuration
        self.tags = tags
        self.dataProtectionPolicy = dataProtectionPolicy
        self.createdAt = createdAt
    }

    public var arn: String { address.arn }

    /// The policy SNS gives a topic created without one (recorded from AWS): anyone may call the
    /// topic's actions on behalf of a resource the topic's account owns (`AWS:SourceOwner`),
    /// which lets the account's services publish; the account's own principals still need IAM.
    public static func defaultPolicy(for address: TopicAddress) -> String {
        let actions = ["GetTopicAttributes", "SetTopicAttributes", "AddPermission", "RemovePermission", "DeleteTopic",
                       "Subscribe", "ListSubscriptionsByTopic", "Publish"].map { "\"SNS:\($0)\"" }.joined(separator: ",")
        return """
            {"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID",\
            "Effect":"Allow","Principal":{"AWS":"*"},"Action":[\(actions)],"Resource":"\(address.arn)",\
            "Condition":{"StringEquals":{"AWS:SourceOwner":"\(address.account.rawValue)"}}}]}
            """
    }

    /// `EffectiveDeliveryPolicy`: the topic's `DeliveryPolicy` for HTTP/S endpoints over SNS's
    /// defaults, as AWS answers it (recorded): "minDelayTarget": 20, "maxDelayTarget": 20,
    /// "numRetries": 3, the other counts 0, "backoffFunction": "linear", subscription overrides
    /// allowed, and `text/plain; charset=UTF-8` as the content type.
    public var effectiveDeliveryPolicy: String {
        let given: [String: JSONValue]
        if let text = configuration["DeliveryPolicy"], case .object(let policy)? = try? JSONParser.parse(Array(text.utf8)),
           case .object(let http)? = policy["http"] {
            given = http
        } else {
            given = [:]
        }
        var retry: [String: JSONValue] = [:]
        if case .object(let fields)? = given["defaultHealthyRetryPolicy"] { retry = fields }
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("http")
        writer.beginObject()
        writer.key("defaultHealthyRetryPolicy")
        writer.beginObject()
        for (name, fallback) in [("minDelayTarget", 20.0), ("maxDelayTarget", 20), ("numRetries", 3), ("numMaxDelayRetries", 0),
                                 ("numNoDelayRetries", 0), ("numMinDelayRetries", 0)] {
            writer.key(name)
            if case .number(let value)? = retry[name] { writer.raw(Self.jsonNumber(value)) } else { writer.raw(Self.jsonNumber(fallback)) }
        }
        writer.key("backoffFunction")
        if case .string(let value)? = retry["backoffFunction"] { writer.string(value) } else { writer.string("linear") }
        writer.endObject()
        if case .object(let throttle)? = given["defaultThrottlePolicy"], case .number(let rate)? = throttle["maxReceivesPerSecond"] {
            writer.key("defaultThrottlePolicy")
            writer.beginObject()
            writer.key("maxReceivesPerSecond")
            writer.raw(Self.jsonNumber(rate))
            writer.endObject()
        }
        writer.key("disableSubscriptionOverrides")
        if case .bool(let value)? = given["disableSubscriptionOverrides"] { writer.raw(String(value)) } else { writer.raw("false") }
        writer.key("defaultRequestPolicy")
        writer.beginObject()
        writer.key("headerContentType")
        if case .object(let request)? = given["defaultRequestPolicy"], case .string(let value)? = request["headerContentType"] {
            writer.string(value)
        } else {
            writer.string("text/plain; charset=UTF-8")
        }
        writer.endObject()
        writer.endObject()
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// A number as JSON writes it: integers without a fraction.
    static func jsonNumber(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
