import AWSWire
import Foundation
import Identity

/// How a subscription's endpoint is reached: "The protocol that you want to use" (Subscribe,
/// `Protocol`).
public enum DeliveryProtocol: String, Sendable, CaseIterable {
    case http, https, email
    case emailJSON = "email-json"
    case sms, sqs, application, lambda, firehose
}

/// A subscription: a topic's endpoint, how it is reached, and its attributes.
///
/// Its ARN is the topic's with a unique id (`arn:aws:sns:us-east-1:111122223333:orders:<uuid>`).
/// A subscription waits for confirmation until ``isConfirmed``; until then SNS answers "pending
/// confirmation" for its ARN and delivers nothing to it. Its ``confirmationToken`` is kept after
/// confirmation, so confirming again with it answers the same ARN, as AWS does.
public struct TopicSubscription: Sendable, Equatable {
    public var arn: String
    public var topicID: Int64
    public var topicARN: String
    /// The account of the principal that subscribed: `Owner`.
    public var owner: AccountID
    /// The principal that subscribed: `SubscriptionPrincipal` (recorded from AWS).
    public var principalARN: String
    public var deliveryProtocol: DeliveryProtocol
    public var endpoint: String
    /// The attributes set, by name, as given.
    public var attributes: [String: String]
    /// The token a ConfirmSubscription must give; nil for a subscription confirmed at once.
    public var confirmationToken: String?
    public var isConfirmed: Bool
    /// `ConfirmationWasAuthenticated`: confirmed by a signed call (or at once), not by a link.
    public var confirmationWasAuthenticated: Bool
    /// "AuthenticateOnUnsubscribe … Disallows unauthenticated unsubscribes of the subscription"
    /// (ConfirmSubscription): the `UnsubscribeURL` link does not work for it.
    public var authenticateOnUnsubscribe: Bool
    public var createdAt: Date

    public init(arn: String, topicID: Int64, topicARN: String, owner: AccountID, principalARN: String,
                deliveryProtocol: DeliveryProtocol, endpoint: String, attributes: [String: String] = [:],
                confirmationToken: String? = nil, isConfirmed: Bool = true, confirmationWasAuthenticated: Bool = true,
                authenticateOnUnsubscribe: Bool = false, createdAt: Date) {
        self.arn = arn
        self.topicID = topicID
        self.topicARN = topicARN
        self.owner = owner
        self.principalARN = principalARN
        self.deliveryProtocol = deliveryProtocol
        self.endpoint = endpoint
        self.attributes = attributes
        self.confirmationToken = confirmationToken
        self.isConfirmed = isConfirmed
        self.confirmationWasAuthenticated = confirmationWasAuthenticated
        self.authenticateOnUnsubscribe = authenticateOnUnsubscribe
        self.createdAt = createdAt
    }

    public var isPending: Bool { !isConfirmed }

    /// "RawMessageDelivery – When set to true, enables raw message delivery to Amazon SQS or
    /// HTTP/S endpoints. This eliminates the need for the endpoints to process JSON formatting."
    public var rawMessageDelivery: Bool { attributes["RawMessageDelivery"] == "true" }

    /// The queue a RedrivePolicy names: "When specified, sends undeliverable messages to the
    /// specified Amazon SQS dead-letter queue."
    public var deadLetterQueueARN: String? {
        guard let text = attributes["RedrivePolicy"] else { return nil }
        return SubscriptionAttributes.deadLetterTarget(text)
    }

    /// The subscription's attributes as GetSubscriptionAttributes reports them (recorded from AWS).
    public var reportedAttributes: [String: String] {
        var reported = attributes
        reported["SubscriptionArn"] = arn
        reported["TopicArn"] = topicARN
        reported["Owner"] = owner.rawValue
        reported["Protocol"] = deliveryProtocol.rawValue
        reported["Endpoint"] = endpoint
        reported["SubscriptionPrincipal"] = principalARN
        reported["PendingConfirmation"] = String(isPending)
        reported["ConfirmationWasAuthenticated"] = String(isConfirmed && confirmationWasAuthenticated)
        reported["RawMessageDelivery"] = String(rawMessageDelivery)
        if attributes["FilterPolicy"] != nil, reported["FilterPolicyScope"] == nil {
            reported["FilterPolicyScope"] = "MessageAttributes"
        }
        return reported
    }
}

/// The attributes Subscribe and SetSubscriptionAttributes set, each checked as SNS checks it.
public enum SubscriptionAttributes {
    /// "DeliveryPolicy, FilterPolicy, FilterPolicyScope, RawMessageDelivery, RedrivePolicy,
    /// SubscriptionRoleArn, ReplayPolicy" (Subscribe, `Attributes`).
    public static let settableNames: Set<String> = [
        "DeliveryPolicy", "FilterPolicy", "FilterPolicyScope", "RawMessageDelivery", "RedrivePolicy", "SubscriptionRoleArn",
        "ReplayPolicy",
    ]

    /// The queue ARN of a RedrivePolicy's `deadLetterTargetArn`, or nil when it names none.
    static func deadLetterTarget(_ text: String) -> String? {
        guard case .object(let fields)? = try? JSONParser.parse(Array(text.utf8)),
              case .string(let arn)? = fields["deadLetterTargetArn"] else { return nil }
        return arn
    }
}
