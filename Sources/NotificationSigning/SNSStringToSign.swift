/// The text SNS signs for one message: the signed fields of its `Type`, each as its name, a newline,
/// its value and a newline, in the fixed order of ``SNSMessageType/signedFields``.
///
/// For a notification with a subject:
/// ```
/// Message\n<message>\nMessageId\n<id>\nSubject\n<subject>\nTimestamp\n<time>\nTopicArn\n<arn>\nType\nNotification\n
/// ```
///
/// The rules, as documented and as AWS's own verifiers apply them:
/// - The fields by type (``SNSMessageType/signedFields``); the string to sign follows a strict,
///   fixed field order, holds only those fields, and holds `Subject` only when the message has one
///   (Developer Guide, "Verifying the signature of an Amazon SNS message when using HTTP
///   query-based requests", steps 6 and 7, paraphrased).
/// - Values are used "in their original form", not JSON-escaped: "If any field contains escaped
///   characters (for example, `\n`), convert them to their original form" (step 1).
/// - Each present field adds `"{$key}\n{$message[$key]}\n"`, keys in the order Message, MessageId,
///   Subject, SubscribeURL, Timestamp, Token, TopicArn, Type
///   (`aws/aws-php-sns-message-validator`, `MessageValidator::getStringToSign`); the Ruby SDK
///   (`aws-sdk-sns`, `MessageVerifier#canonical_string`) does the same but skips a key whose value
///   is empty.
///
/// Those verifiers sign every one of the eight keys they find in the JSON, whatever the type, and
/// disagree about empty values; so the fields given here are refused when the documented layout
/// and the verifiers could disagree: an empty signed value, or a key of the other types' layout
/// (`Subject` on a confirmation, `SubscribeURL` or `Token` on a notification). Build the message's
/// JSON from the same fields and every verifier recomputes this text.
public struct SNSStringToSign: Sendable, Hashable {
    public let type: SNSMessageType
    /// The string to sign; its UTF-8 bytes are what is hashed and signed.
    public let text: String

    /// Builds the string to sign from a message's string members, keyed by their JSON names
    /// (`Type`, `Message`, `MessageId`, …). Members that are never signed (`SignatureVersion`,
    /// `SigningCertURL`, `UnsubscribeURL`, …) are ignored.
    public init(fields: [String: String]) throws(NotificationSigningError) {
        let typeName = SNSMessageType.SignedField.type.rawValue
        guard let typeValue = fields[typeName] else {
            throw NotificationSigningError(.unknownMessageType, "the message has no \(typeName)")
        }
        guard let type = SNSMessageType(rawValue: typeValue) else {
            throw NotificationSigningError(
                .unknownMessageType, "SNS signs only Notification, SubscriptionConfirmation and UnsubscribeConfirmation messages")
        }
        let signed = type.signedFields
        for field in SNSMessageType.SignedField.allCases where !signed.contains(field) && fields[field.rawValue] != nil {
            throw NotificationSigningError(.unexpectedField, "a \(type.rawValue) message has no \(field.rawValue)")
        }
        var text = ""
        for field in signed {
            guard let value = fields[field.rawValue] else {
                if field.isOptional { continue }
                throw NotificationSigningError(.missingField, "a \(type.rawValue) message needs \(field.rawValue)")
            }
            guard !value.isEmpty else {
                throw NotificationSigningError(.emptyField, "\(field.rawValue) is empty; leave an absent \(field.rawValue) out")
            }
            text += field.rawValue + "\n" + value + "\n"
        }
        self.type = type
        self.text = text
    }
}
