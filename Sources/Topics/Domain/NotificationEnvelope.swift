import AWSWire
import Foundation

/// Signs what SNS sends: "Amazon SNS signs the messages so that you can verify that they are
/// authentic" (Verifying the signatures of Amazon SNS messages).
public protocol NotificationSigner: Sendable {
    /// The base64 signature of the message of `type` whose fields are `fields`, with
    /// SignatureVersion `version` (`1`: SHA1withRSA, `2`: SHA256withRSA).
    func signature(type: String, fields: [String: String], version: String) throws -> String
    /// `SigningCertURL`: where the certificate is served, under `base` (`http://<host>`).
    func certificateURL(base: String) -> String
}

/// The JSON document SNS delivers for a notification to an endpoint without raw message
/// delivery, with its members in the order AWS writes them (recorded from AWS):
///
///     {"Type": "Notification", "MessageId": …, "TopicArn": …, "Subject": …, "Message": …,
///      "Timestamp": …, "SignatureVersion": "1", "Signature": …, "SigningCertURL": …,
///      "UnsubscribeURL": …, "MessageAttributes": {"attr1": {"Type": "Number", "Value": "99.12"}}}
///
/// A FIFO topic's notification carries its `SequenceNumber` after the `MessageId` and is not
/// signed (recorded from AWS).
public struct NotificationEnvelope: Sendable {
    public var messageID: String
    public var topicARN: String
    public var subject: String?
    public var message: String
    /// `yyyy-MM-ddTHH:mm:ss.SSSZ`.
    public var timestamp: String
    public var sequenceNumber: String?
    public var unsubscribeURL: String
    public var attributes: [String: MessageAttributeValue]

    /// The fields SNS signs for a notification (its string to sign is made of them).
    public var signedFields: [String: String] {
        var fields = ["Message": message, "MessageId": messageID, "Timestamp": timestamp, "TopicArn": topicARN, "Type": "Notification"]
        fields["Subject"] = subject
        return fields
    }

    /// The document; `signature` (of ``signedFields``) is left out of a FIFO notification, which
    /// SNS does not sign. The signature is the same for every subscription of a message: the
    /// `UnsubscribeURL`, which differs, is not signed.
    public func json(signature: String, signatureVersion: String, certificateURL: String) -> String {
        var writer = JSONWriter(capacity: 512 + message.utf8.count)
        writer.beginObject()
        writer.member("Type", "Notification")
        writer.member("MessageId", messageID)
        writer.member("SequenceNumber", sequenceNumber)
        writer.member("TopicArn", topicARN)
        writer.member("Subject", subject)
        writer.member("Message", message)
        writer.member("Timestamp", timestamp)
        if sequenceNumber == nil {
            writer.member("SignatureVersion", signatureVersion)
            writer.member("Signature", signature)
            writer.member("SigningCertURL", certificateURL)
        }
        writer.member("UnsubscribeURL", unsubscribeURL)
        if !attributes.isEmpty {
            writer.key("MessageAttributes")
            writer.beginObject()
            for name in attributes.keys.sorted() {
                let value = attributes[name]!
                writer.key(name)
                writer.beginObject()
                writer.member("Type", value.dataType)
                if let binary = value.binaryValue {
                    writer.member("Value", binary.base64EncodedString())
                } else {
                    writer.member("Value", value.stringValue)
                }
                writer.endObject()
            }
            writer.endObject()
        }
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// A notification's `Timestamp`: always with milliseconds ("2012-04-25T21:49:25.719Z").
    public static func timestamp(_ date: Date) -> String {
        let text = AWSDateTime.format(date.timeIntervalSince1970) ?? "1970-01-01T00:00:00Z"
        return text.contains(".") ? text : String(text.dropLast()) + ".000Z"
    }
}
