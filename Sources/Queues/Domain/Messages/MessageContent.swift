import AWSWire
import Crypto
import Foundation

/// What a sender sends and a receiver gets back: the body and the message attributes.
///
/// - Important: neither the body nor an attribute value is ever logged, audited, put in an
///   error message or stored in plaintext on an encrypted queue; `description` shows neither.
public struct MessageContent: Sendable, Equatable, CustomStringConvertible {
    public var body: String
    public var attributes: [String: MessageAttributeValue]

    public init(body: String, attributes: [String: MessageAttributeValue] = [:]) {
        self.body = body
        self.attributes = attributes
    }

    public var description: String { "MessageContent(\(body.utf8.count) bytes, \(attributes.count) attributes)" }

    /// The message's size as SQS counts it against `MaximumMessageSize`: "The message size
    /// includes the message body and message attributes" (name, data type and value of each).
    public var size: Int {
        attributes.reduce(body.utf8.count) { size, attribute in
            size + attribute.key.utf8.count + attribute.value.dataType.utf8.count + attribute.value.valueSize
        }
    }

    /// The MD5 digest SQS answers for the body (`MD5OfMessageBody`, `MD5OfBody`): lowercase hex
    /// of the MD5 of the body's UTF-8 bytes.
    public var bodyMD5: String { MessageDigest.md5Hex(Array(body.utf8)) }

    /// `MD5OfMessageAttributes`, or nil for a message without attributes.
    public var attributesMD5: String? { MessageDigest.attributesMD5(attributes) }
}

extension MessageAttributeValue {
    /// The bytes of the value, as counted in a message's size.
    var valueSize: Int {
        if let stringValue { return stringValue.utf8.count }
        if let binaryValue { return binaryValue.count }
        return 0
    }
}

/// The digests SDKs check a message against.
public enum MessageDigest {
    public static func md5Hex(_ bytes: [UInt8]) -> String {
        Hex.lowercase(Insecure.MD5.hash(data: bytes))
    }

    /// The MD5 of message attributes, computed as the SQS Developer Guide ("Calculating the MD5
    /// message digest for message attributes") prescribes, so that SDKs that verify it accept it:
    /// for each attribute in ascending order of name, the name, the data type, a transport byte
    /// (1 for a string value, 2 for a binary one) and the value, each of the three strings and
    /// the value preceded by its length as a 4-byte big-endian integer.
    public static func attributesMD5(_ attributes: [String: MessageAttributeValue]) -> String? {
        guard !attributes.isEmpty else { return nil }
        var bytes: [UInt8] = []
        func append(_ part: some Collection<UInt8>) {
            let count = UInt32(part.count)
            bytes += [UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF), UInt8(count & 0xFF)]
            bytes += part
        }
        for name in attributes.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let value = attributes[name]!
            append(Array(name.utf8))
            append(Array(value.dataType.utf8))
            if let binary = value.binaryValue {
                bytes.append(2)
                append(Array(binary))
            } else {
                bytes.append(1)
                append(Array((value.stringValue ?? "").utf8))
            }
        }
        return md5Hex(bytes)
    }
}
