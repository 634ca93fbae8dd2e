import AWSWire
import Foundation
import ServiceCalls

/// A message to publish, as Publish or an entry of PublishBatch gives it.
public struct PublishedMessage: Sendable {
    public var message: String
    public var subject: String?
    public var messageStructure: String?
    public var attributes: [String: MessageAttributeValue]
    public var groupID: String?
    public var deduplicationID: String?

    public init(message: String, subject: String? = nil, messageStructure: String? = nil,
                attributes: [String: MessageAttributeValue] = [:], groupID: String? = nil, deduplicationID: String? = nil) {
        self.message = message
        self.subject = subject
        self.messageStructure = messageStructure
        self.attributes = attributes
        self.groupID = groupID
        self.deduplicationID = deduplicationID
    }
}

/// The rules a message must meet to be published (Publish, PublishBatch, the Amazon SNS message
/// quotas). Messages recorded from AWS are quoted as such; the others are worded after AWS's.
public enum PublishRules {
    /// "Messages can be up to 256 KB": the message, its subject and attributes, in UTF-8 bytes.
    static let maximumSize = 262_144

    /// Checks a message and answers what each protocol receives: the message itself, or with
    /// `MessageStructure` `json`, "a top-level JSON key of 'default' with a value that is a
    /// string" and optional per-protocol strings.
    static func check(_ message: PublishedMessage, fifo: Bool, contentBasedDeduplication: Bool) throws(SNSError) -> [String: String]? {
        // Recorded from AWS.
        guard !message.message.isEmpty else { throw SNSError.invalidParameter("Empty message") }
        if let subject = message.subject {
            // Recorded from AWS for an empty subject; "Subjects must be UTF-8 text with no line
            // breaks or control characters, and less than 100 characters long."
            guard !subject.isEmpty, subject.count < 100, !subject.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else { throw SNSError.invalidParameter("Subject") }
        }
        try checkAttributes(message.attributes)
        let size = message.message.utf8.count + (message.subject?.utf8.count ?? 0)
            + message.attributes.reduce(0) { total, entry in
                total + entry.key.utf8.count + entry.value.dataType.utf8.count + (entry.value.stringValue?.utf8.count ?? 0)
                    + (entry.value.binaryValue?.count ?? 0)
            }
        // Recorded from AWS.
        guard size <= maximumSize else { throw SNSError.invalidParameter("Message too long") }
        if fifo {
            // Recorded from AWS.
            guard message.groupID != nil else { throw SNSError.invalidParameter("The MessageGroupId parameter is required for FIFO topics") }
            guard message.deduplicationID != nil || contentBasedDeduplication else {
                throw SNSError.invalidParameter(
                    "The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
            }
        } else if message.deduplicationID != nil {
            // Recorded from AWS.
            throw SNSError.invalidParameter("MessageDeduplicationId",
                                            reason: "The request includes MessageDeduplicationId parameter that is not valid for this topic type")
        }
        guard let structure = message.messageStructure else { return nil }
        guard structure == "json" else { throw SNSError.invalidParameter("MessageStructure") }
        // Recorded from AWS.
        guard case .object(let fields)? = try? JSONParser.parse(Array(message.message.utf8)) else {
            throw SNSError.invalidParameter("Message Structure - JSON message body failed to parse")
        }
        guard case .string? = fields["default"] else {
            throw SNSError.invalidParameter("Message Structure - No default entry in JSON message body")
        }
        var messages: [String: String] = [:]
        for (key, value) in fields {
            if case .string(let text) = value { messages[key] = text }
        }
        return messages
    }

    /// Message attributes, each as SNS checks it; the messages are recorded from AWS.
    static func checkAttributes(_ attributes: [String: MessageAttributeValue]) throws(SNSError) {
        for name in attributes.keys.sorted() {
            let value = attributes[name]!
            try checkName(name)
            guard let base = MessageAttributeRules.baseType(value.dataType) else {
                throw SNSError(.parameterValueInvalid, "The message attribute '\(name)' has an invalid message attribute type, "
                    + "the set of supported type prefixes is Binary, Number, and String.")
            }
            if base == "Binary" {
                guard value.stringValue == nil else {
                    throw SNSError(.parameterValueInvalid, "The message attribute '\(name)' with type 'Binary' must use field 'Binary'.")
                }
                guard let binary = value.binaryValue, !binary.isEmpty else {
                    throw SNSError(.parameterValueInvalid,
                                   "The message attribute '\(name)' must contain non-empty message attribute value for message attribute type 'Binary'.")
                }
            } else {
                guard value.binaryValue == nil else {
                    throw SNSError(.parameterValueInvalid, "The message attribute '\(name)' with type '\(base)' must use field 'String'.")
                }
                guard let text = value.stringValue, !text.isEmpty else {
                    throw SNSError(.parameterValueInvalid,
                                   "The message attribute '\(name)' must contain non-empty message attribute value for message attribute type '\(base)'.")
                }
                if base == "Number", !MessageAttributeRules.isNumber(text) {
                    throw SNSError(.parameterValueInvalid,
                                   "Could not cast message attribute '\(name)' value to number.")
                }
                if value.dataType == "String.Array" {
                    guard case .array? = try? JSONParser.parse(Array(text.utf8)) else {
                        throw SNSError(.parameterValueInvalid,
                                       "The message attribute '\(name)' with type 'String.Array' must be a JSON array.")
                    }
                }
            }
        }
    }

    /// "Name – … can contain the following characters: A-Z, a-z, 0-9, underscore(_), hyphen(-),
    /// and period (.). The name must not start or end with a period, and it should not have
    /// successive periods." The messages are recorded from AWS.
    static func checkName(_ name: String) throws(SNSError) {
        guard name.utf8.count < 256 else {
            throw SNSError(.parameterValueInvalid, "Length of message attribute name must be less than 256 bytes.")
        }
        if let bad = name.unicodeScalars.first(where: { !($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0)) }) {
            throw SNSError(.parameterValueInvalid, "Invalid non-alphanumeric character '#x\(String(bad.value, radix: 16, uppercase: true))' "
                + "was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.")
        }
        if name.hasPrefix(".") { throw SNSError(.parameterValueInvalid, "Invalid message attribute name starting with character '.' was found.") }
        if name.hasSuffix(".") { throw SNSError(.parameterValueInvalid, "Invalid message attribute name ending with character '.' was found.") }
        if name.contains("..") { throw SNSError(.parameterValueInvalid, "Message attribute name can not have successive '.' character.") }
    }
}
