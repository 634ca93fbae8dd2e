/// The `Type` of a message SNS signs, and the fields its string to sign is made of.
public enum SNSMessageType: String, Codable, CaseIterable, Sendable {
    case notification = "Notification"
    case subscriptionConfirmation = "SubscriptionConfirmation"
    case unsubscribeConfirmation = "UnsubscribeConfirmation"

    /// The fields signed for this type, in the order they are signed.
    ///
    /// "Notification message – Includes Message, MessageId, Subject (if present), Timestamp,
    /// TopicArn, and Type"; a SubscriptionConfirmation and an UnsubscribeConfirmation include
    /// Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn and Type (Amazon SNS Developer
    /// Guide, "Verifying the signature of an Amazon SNS message when using HTTP query-based
    /// requests", step 6). Both lists are in the byte order of the names.
    public var signedFields: [SignedField] {
        switch self {
        case .notification:
            [.message, .messageID, .subject, .timestamp, .topicARN, .type]
        case .subscriptionConfirmation, .unsubscribeConfirmation:
            [.message, .messageID, .subscribeURL, .timestamp, .token, .topicARN, .type]
        }
    }

    /// A name that may appear in the string to sign: the name of the message's JSON member.
    public enum SignedField: String, CaseIterable, Sendable {
        case message = "Message"
        case messageID = "MessageId"
        case subject = "Subject"
        case subscribeURL = "SubscribeURL"
        case timestamp = "Timestamp"
        case token = "Token"
        case topicARN = "TopicArn"
        case type = "Type"

        /// Whether a message may leave the field out: only a notification's `Subject`, which
        /// appears only when the publisher gave one ("If no Subject was specified, then this
        /// name-value pair does not appear in this JSON document." — "HTTP/HTTPS notification
        /// JSON format").
        public var isOptional: Bool { self == .subject }
    }
}
