import Foundation
import ServiceCalls

/// The rules a message must meet to be sent, from the SendMessage and SendMessageBatch
/// documentation and the Amazon SQS message quotas. Messages recorded from AWS are quoted as
/// such; the others are worded after AWS's and not recorded.
public enum MessageRules {
    /// "A message can include only XML, JSON, and unformatted text. The following Unicode
    /// characters are allowed: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to
    /// #x10FFFF" (SendMessage, MessageBody). An empty body is a missing one (recorded from AWS).
    public static func checkBody(_ body: String) throws(SQSError) {
        guard !body.isEmpty else { throw SQSError.missingParameter("MessageBody") }
        for scalar in body.unicodeScalars where !isAllowed(scalar) {
            throw SQSError(.invalidMessageContents, "Invalid binary character '#x\(String(scalar.value, radix: 16, uppercase: true))' "
                           + "was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF "
                           + "| #xE000 to #xFFFD | #x10000 to #x10FFFF")
        }
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// "Message must be shorter than 1024 bytes." (recorded from AWS), for a queue whose
    /// `MaximumMessageSize` is 1,024; a message of exactly the maximum is accepted.
    public static func checkSize(_ content: MessageContent, maximum: Int, inBatch: Bool) throws(SQSError) {
        guard content.size <= maximum else {
            // Recorded from AWS, both wordings.
            throw SQSError(.invalidParameterValue, (inBatch ? "One or more parameters cannot be validated." : "One or more parameters are invalid.")
                           + " Reason: Message must be shorter than \(maximum) bytes.")
        }
    }

    /// "Each message can have up to 10 attributes." Names are "case-sensitive and must be unique
    /// among all attribute names for the message. The name can contain alphanumeric characters
    /// and the underscore (_), hyphen (-), and period (.)… The name must not start with
    /// AWS-reserved prefixes such as AWS. or Amazon. (or any casing variants). The name must not
    /// start or end with a period (.), and it should not have periods in succession (..). The
    /// name can be up to 256 characters long." Types are `String`, `Number` and `Binary`, with an
    /// optional custom suffix after a period (Amazon SQS message attributes).
    public static func checkAttributes(_ attributes: [String: MessageAttributeValue]) throws(SQSError) {
        guard attributes.count <= 10 else {
            throw SQSError(.invalidParameterValue, "Number of message attributes [\(attributes.count)] exceeds the allowed maximum [10].")
        }
        for name in attributes.keys.sorted() {
            let value = attributes[name]!
            guard isValidAttributeName(name) else {
                throw SQSError(.invalidParameterValue, "Message (user) attribute name '\(name)' is invalid.")
            }
            guard let type = baseType(value.dataType) else {
                throw SQSError(.invalidParameterValue, "The type of message (user) attribute '\(name)' is invalid. "
                               + "You must use only the following supported type prefixes: Binary, Number, String.")
            }
            switch type {
            case "Binary":
                guard let binary = value.binaryValue, !binary.isEmpty, value.stringValue == nil else {
                    throw SQSError(.invalidParameterValue, "Message (user) attribute '\(name)' must contain a non-empty value of type 'Binary'.")
                }
            default:
                // Recorded from AWS: "Message (user) attribute 'ErrorDetails' must contain a
                // non-empty value of type 'String'."
                guard let string = value.stringValue, !string.isEmpty, value.binaryValue == nil else {
                    throw SQSError(.invalidParameterValue, "Message (user) attribute '\(name)' must contain a non-empty value of type '\(type)'.")
                }
                if type == "Number", !isNumber(string) {
                    throw SQSError(.invalidParameterValue, "Can't cast the value of message (user) attribute '\(name)' to a number.")
                }
                for scalar in string.unicodeScalars where !isAllowed(scalar) {
                    throw SQSError(.invalidParameterValue, "Message (user) attribute '\(name)' contains a character that is not allowed.")
                }
            }
        }
    }

    static func isValidAttributeName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        guard !name.isEmpty, name.utf8.count <= 256, !name.hasPrefix("."), !name.hasSuffix("."), !name.contains(".."),
              !lowered.hasPrefix("aws."), !lowered.hasPrefix("amazon.") else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-" || scalar == "."
        }
    }

    /// `String`, `Number` or `Binary` for a data type such as `Number.float`; nil for any other.
    static func baseType(_ dataType: String) -> String? { MessageAttributeRules.baseType(dataType) }

    static func isNumber(_ text: String) -> Bool { MessageAttributeRules.isNumber(text) }

    /// "Currently, the only supported message system attribute is AWSTraceHeader. Its type must
    /// be String and its value must be a correctly formatted X-Ray trace header string."
    /// (SendMessage, MessageSystemAttributes)
    public static func traceHeader(_ attributes: [String: MessageSystemAttributeValue]?) throws(SQSError) -> String? {
        guard let attributes, !attributes.isEmpty else { return nil }
        for name in attributes.keys.sorted() where name != "AWSTraceHeader" {
            throw SQSError(.invalidParameterValue, "Message system attribute name '\(name)' is invalid.")
        }
        let value = attributes["AWSTraceHeader"]!
        guard value.dataType == "String", let header = value.stringValue, !header.isEmpty else {
            throw SQSError(.invalidParameterValue, "Message system attribute 'AWSTraceHeader' must contain a non-empty value of type 'String'.")
        }
        return header
    }

    /// "MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in
    /// length." (recorded from AWS), and the same for MessageDeduplicationId.
    public static func checkToken(_ value: String, parameter: String) throws(SQSError) {
        let valid = (1...128).contains(value.utf8.count) && value.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || (scalar.value >= 0x21 && scalar.value <= 0x7E))
        }
        guard valid else {
            throw SQSError.invalidParameterValue(value, parameter: parameter,
                                                 reason: "\(parameter) can only include alphanumeric and punctuation characters. 1 to 128 in length.")
        }
    }
}
