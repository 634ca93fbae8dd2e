import Crypto
import Foundation

/// The stored form of a message's body and attributes: in the clear on a queue without
/// server-side encryption, otherwise sealed with AES-256-GCM under a data key whose encrypted
/// form is stored beside it.
///
/// Layout (version 1):
/// - plain: `0x00`, then the content;
/// - sealed: `0x01`, the key source (``DataKeySource``), the queue ARN the data key was made for
///   and the encrypted data key (each a big-endian `UInt16` length and bytes), a 12-byte nonce,
///   then the sealed content and its 16-byte tag. The associated data is everything before the
///   nonce and the message id, so a sealed payload opens only as the message it was stored as.
///
/// The content: the body (`UInt32` length, UTF-8), the number of attributes (`UInt8`), then
/// for each its name and data type (`UInt16` length, UTF-8), 1 for a string value or 2 for a
/// binary one, and the value (`UInt32` length, bytes).
public enum MessagePayload {
    public static func plain(_ content: MessageContent) -> [UInt8] {
        var bytes: [UInt8] = [0]
        encode(content, into: &bytes)
        return bytes
    }

    /// Seals `content` for the message `messageID` under `dataKey`.
    public static func sealed(_ content: MessageContent, messageID: String, dataKey: DataKey, nonce: [UInt8]) throws -> [UInt8] {
        var bytes: [UInt8] = [1, dataKey.reference.source.rawValue]
        appendShort(Array(dataKey.reference.queueARN.utf8), to: &bytes)
        appendShort(dataKey.reference.encryptedKey, to: &bytes)
        var plaintext: [UInt8] = []
        encode(content, into: &plaintext)
        let box = try AES.GCM.seal(plaintext, using: dataKey.key, nonce: AES.GCM.Nonce(data: nonce),
                                   authenticating: bytes + Array(messageID.utf8))
        bytes += nonce
        bytes += box.ciphertext
        bytes += box.tag
        return bytes
    }

    /// The data key a sealed payload needs, or nil for a plain one.
    public static func dataKeyReference(of payload: [UInt8]) throws(UnreadablePayload) -> DataKeyReference? {
        try header(of: payload)?.reference
    }

    /// The content of `payload`; `key` is the data key of a sealed one.
    public static func open(_ payload: [UInt8], messageID: String, key: SymmetricKey?) throws(UnreadablePayload) -> MessageContent {
        guard let header = try header(of: payload) else {
            var reader = Reader(bytes: payload[1...])
            return try reader.content()
        }
        guard let key, payload.count >= header.nonceOffset + 12 + 16 else { throw UnreadablePayload() }
        let nonceEnd = header.nonceOffset + 12
        do {
            let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: payload[header.nonceOffset..<nonceEnd]),
                                            ciphertext: payload[nonceEnd..<(payload.count - 16)], tag: payload[(payload.count - 16)...])
            let plaintext = try AES.GCM.open(box, using: key, authenticating: Array(payload[..<header.nonceOffset]) + Array(messageID.utf8))
            var reader = Reader(bytes: Array(plaintext)[...])
            return try reader.content()
        } catch {
            throw UnreadablePayload()
        }
    }

    private static func header(of payload: [UInt8]) throws(UnreadablePayload) -> (reference: DataKeyReference, nonceOffset: Int)? {
        guard let version = payload.first else { throw UnreadablePayload() }
        if version == 0 { return nil }
        guard version == 1, payload.count > 2, let source = DataKeySource(rawValue: payload[1]) else { throw UnreadablePayload() }
        var reader = Reader(bytes: payload[2...])
        let arn = try reader.short()
        let encryptedKey = try reader.short()
        guard let queueARN = String(validating: arn, as: UTF8.self) else { throw UnreadablePayload() }
        return (DataKeyReference(source: source, queueARN: queueARN, encryptedKey: Array(encryptedKey)), reader.offset)
    }

    private static func encode(_ content: MessageContent, into bytes: inout [UInt8]) {
        appendLong(Array(content.body.utf8), to: &bytes)
        bytes.append(UInt8(content.attributes.count))
        for (name, value) in content.attributes.sorted(by: { $0.key < $1.key }) {
            appendShort(Array(name.utf8), to: &bytes)
            appendShort(Array(value.dataType.utf8), to: &bytes)
            if let binary = value.binaryValue {
                bytes.append(2)
                appendLong(Array(binary), to: &bytes)
            } else {
                bytes.append(1)
                appendLong(Array((value.stringValue ?? "").utf8), to: &bytes)
            }
        }
    }

    private static func appendShort(_ part: [UInt8], to bytes: inout [UInt8]) {
        bytes += [UInt8(part.count >> 8), UInt8(part.count & 0xFF)]
        bytes += part
    }

    private static func appendLong(_ part: [UInt8], to bytes: inout [UInt8]) {
        let count = UInt32(part.count)
        bytes += [UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF), UInt8(count & 0xFF)]
        bytes += part
    }

    /// Reads lengths before slicing, so a damaged payload is an error, never a crash.
    private struct Reader {
        let bytes: ArraySlice<UInt8>
        var offset: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            offset = bytes.startIndex
        }

        mutating func take(_ count: Int) throws(UnreadablePayload) -> ArraySlice<UInt8> {
            guard count >= 0, bytes.endIndex - offset >= count else { throw UnreadablePayload() }
            defer { offset += count }
            return bytes[offset..<offset + count]
        }

        mutating func short() throws(UnreadablePayload) -> ArraySlice<UInt8> {
            let length = try take(2)
            return try take(Int(length.first!) << 8 | Int(length.last!))
        }

        mutating func long() throws(UnreadablePayload) -> ArraySlice<UInt8> {
            let length = try take(4).reduce(0) { $0 << 8 | Int($1) }
            return try take(length)
        }

        mutating func string(_ part: ArraySlice<UInt8>) throws(UnreadablePayload) -> String {
            guard let text = String(validating: part, as: UTF8.self) else { throw UnreadablePayload() }
            return text
        }

        mutating func content() throws(UnreadablePayload) -> MessageContent {
            let body = try string(try long())
            var attributes: [String: MessageAttributeValue] = [:]
            for _ in 0..<Int(try take(1).first!) {
                let name = try string(try short())
                let type = try string(try short())
                let kind = try take(1).first!
                let value = try long()
                switch kind {
                case 1: attributes[name] = MessageAttributeValue(stringValue: try string(value), dataType: type)
                case 2: attributes[name] = MessageAttributeValue(binaryValue: Data(value), dataType: type)
                default: throw UnreadablePayload()
                }
            }
            guard offset == bytes.endIndex else { throw UnreadablePayload() }
            return MessageContent(body: body, attributes: attributes)
        }
    }
}

/// A stored payload that does not open: damaged, or sealed under a key that does not open it.
public struct UnreadablePayload: Error, Sendable {}

/// Who made the data key of a sealed payload.
public enum DataKeySource: UInt8, Sendable, Hashable {
    /// SSE-SQS: a key SQS owns ("SQS-owned encryption keys").
    case sqsManaged = 1
    /// SSE-KMS: a KMS key of the queue's `KmsMasterKeyId`.
    case kms = 2
}

/// The encrypted form of a data key, as stored with each message sealed under it.
public struct DataKeyReference: Sendable, Hashable {
    public var source: DataKeySource
    /// The queue the data key was made for (`aws:sqs:arn`): the message's queue, or the queue it
    /// was moved from to a dead-letter queue.
    public var queueARN: String
    public var encryptedKey: [UInt8]

    public init(source: DataKeySource, queueARN: String, encryptedKey: [UInt8]) {
        self.source = source
        self.queueARN = queueARN
        self.encryptedKey = encryptedKey
    }
}

/// A data key: the key itself, and how it is stored.
public struct DataKey: Sendable {
    public var key: SymmetricKey
    public var reference: DataKeyReference

    public init(key: SymmetricKey, reference: DataKeyReference) {
        self.key = key
        self.reference = reference
    }
}
