/// A strict decoder for the subset of CBOR (RFC 8949) that attestation documents use.
///
/// It accepts one data item that spans the whole input and rejects:
/// - trailing bytes after that item;
/// - reserved additional information 28–30 (RFC 8949 §3: "reserved for future additions");
/// - arguments not in preferred serialization (RFC 8949 §4.2.1: "the argument ... MUST be as short
///   as possible");
/// - indefinite-length byte and text strings always, and indefinite-length arrays and maps unless
///   ``Limits/allowsIndefiniteLengthContainers`` is set;
/// - floating-point numbers and simple values other than `false`, `true` and `null`;
/// - invalid UTF-8 in text strings;
/// - maps with duplicate keys (RFC 8949 §5.6: "A map that has duplicate keys may be well-formed,
///   but it is not valid");
/// - nesting deeper, containers larger, or input longer than ``Limits`` allow.
///
/// - Important: Lengths are compared with the bytes that remain before anything is sliced or
///   allocated, so a hostile length cannot cause a large allocation or a trap.
struct CBORReader {
    /// Bounds on what the reader accepts.
    struct Limits: Sendable {
        /// The longest input accepted, in bytes.
        var maximumInputLength: Int = 64 * 1024
        /// The deepest nesting of arrays, maps and tags accepted; the outermost item is depth 1.
        var maximumDepth: Int = 8
        /// The most elements (or key/value pairs) one array or map may hold.
        var maximumContainerCount: Int = 64
        /// Whether arrays and maps may use the indefinite-length encoding (RFC 8949 §3.2.2).
        var allowsIndefiniteLengthContainers: Bool = false
    }

    private let bytes: [UInt8]
    private let limits: Limits
    private var position = 0

    private init(bytes: [UInt8], limits: Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    /// Decodes `bytes` as exactly one CBOR data item.
    static func decode(_ bytes: [UInt8], limits: Limits = Limits()) throws(AttestationError) -> CBORValue {
        guard bytes.count <= limits.maximumInputLength else {
            throw malformed("input longer than \(limits.maximumInputLength) bytes")
        }
        var reader = CBORReader(bytes: bytes, limits: limits)
        let value = try reader.readItem(depth: 1)
        guard reader.position == bytes.count else { throw malformed("trailing bytes after the data item") }
        return value
    }

    // MARK: - Items

    private mutating func readItem(depth: Int) throws(AttestationError) -> CBORValue {
        guard depth <= limits.maximumDepth else { throw Self.malformed("nesting deeper than \(limits.maximumDepth)") }
        let head = try readHead()
        switch head.majorType {
        case 0: return .unsigned(try Self.definite(head))
        case 1: return .negative(try Self.definite(head))
        case 2: return .bytes(try readString(head))
        case 3: return .text(try readText(head))
        case 4: return .array(try readArray(head, depth: depth))
        case 5: return .map(try readMap(head, depth: depth))
        case 6: return .tagged(try Self.definite(head), try readItem(depth: depth + 1))
        default: return try Self.simpleValue(head)
        }
    }

    private mutating func readString(_ head: Head) throws(AttestationError) -> [UInt8] {
        let length = try Self.definite(head)
        guard length <= UInt64(bytes.count - position) else { throw Self.malformed("string longer than the input") }
        let end = position + Int(length)
        defer { position = end }
        return Array(bytes[position..<end])
    }

    private mutating func readText(_ head: Head) throws(AttestationError) -> String {
        let utf8 = try readString(head)
        guard let text = String(validating: utf8, as: UTF8.self) else { throw Self.malformed("text string is not UTF-8") }
        return text
    }

    private mutating func readArray(_ head: Head, depth: Int) throws(AttestationError) -> [CBORValue] {
        var elements: [CBORValue] = []
        try forEachElement(of: head) { (reader: inout CBORReader) throws(AttestationError) in
            elements.append(try reader.readItem(depth: depth + 1))
        }
        return elements
    }

    private mutating func readMap(_ head: Head, depth: Int) throws(AttestationError) -> [CBORMapEntry] {
        var entries: [CBORMapEntry] = []
        var keys: Set<CBORValue> = []
        try forEachElement(of: head) { (reader: inout CBORReader) throws(AttestationError) in
            let key = try reader.readItem(depth: depth + 1)
            guard keys.insert(key).inserted else { throw Self.malformed("map has a duplicate key") }
            entries.append(CBORMapEntry(key: key, value: try reader.readItem(depth: depth + 1)))
        }
        return entries
    }

    /// Calls `body` once per element (array) or pair (map), for definite and indefinite lengths.
    private mutating func forEachElement(
        of head: Head,
        _ body: (inout CBORReader) throws(AttestationError) -> Void
    ) throws(AttestationError) {
        guard let count = head.argument else {
            try forEachIndefiniteElement(body)
            return
        }
        guard count <= UInt64(limits.maximumContainerCount) else {
            throw Self.malformed("container holds more than \(limits.maximumContainerCount) elements")
        }
        for _ in 0..<count { try body(&self) }
    }

    private mutating func forEachIndefiniteElement(
        _ body: (inout CBORReader) throws(AttestationError) -> Void
    ) throws(AttestationError) {
        guard limits.allowsIndefiniteLengthContainers else { throw Self.malformed("indefinite-length container") }
        var count = 0
        while try peekByte() != Self.breakByte {
            count += 1
            guard count <= limits.maximumContainerCount else {
                throw Self.malformed("container holds more than \(limits.maximumContainerCount) elements")
            }
            try body(&self)
        }
        position += 1
    }

    // MARK: - Heads

    /// The initial byte's major type and its argument; `argument` is nil for indefinite length.
    private struct Head {
        var majorType: UInt8
        var additionalInformation: UInt8
        var argument: UInt64?
    }

    /// The "break" stop code (RFC 8949 §3.2.1): major type 7, additional information 31.
    private static let breakByte: UInt8 = 0xFF

    private mutating func readHead() throws(AttestationError) -> Head {
        let initial = try readByte()
        let majorType = initial >> 5
        let info = initial & 0x1F
        switch info {
        case 0..<24:
            return Head(majorType: majorType, additionalInformation: info, argument: UInt64(info))
        case 24...27:
            let argument = try readArgument(byteCount: 1 << Int(info - 24))
            try Self.requirePreferred(argument, info: info)
            return Head(majorType: majorType, additionalInformation: info, argument: argument)
        case 31 where (2...5).contains(majorType):
            return Head(majorType: majorType, additionalInformation: info, argument: nil)
        default:
            throw Self.malformed("reserved or misplaced additional information \(info) for major type \(majorType)")
        }
    }

    private mutating func readArgument(byteCount: Int) throws(AttestationError) -> UInt64 {
        guard byteCount <= bytes.count - position else { throw Self.malformed("truncated argument") }
        var value: UInt64 = 0
        for byte in bytes[position..<position + byteCount] { value = value << 8 | UInt64(byte) }
        position += byteCount
        return value
    }

    /// RFC 8949 §4.2.1: "the argument ... MUST be as short as possible".
    private static func requirePreferred(_ argument: UInt64, info: UInt8) throws(AttestationError) {
        let minimum: UInt64 = switch info {
        case 24: 24
        case 25: 0x100
        case 26: 0x1_0000
        default: 0x1_0000_0000
        }
        guard argument >= minimum else { throw malformed("argument not in preferred serialization") }
    }

    private static func definite(_ head: Head) throws(AttestationError) -> UInt64 {
        guard let argument = head.argument else { throw malformed("indefinite-length string") }
        return argument
    }

    private static func simpleValue(_ head: Head) throws(AttestationError) -> CBORValue {
        switch (head.additionalInformation, head.argument) {
        case (20, _): .bool(false)
        case (21, _): .bool(true)
        case (22, _): .null
        default: throw malformed("unsupported simple value or floating-point number")
        }
    }

    // MARK: - Bytes

    private mutating func readByte() throws(AttestationError) -> UInt8 {
        let byte = try peekByte()
        position += 1
        return byte
    }

    private func peekByte() throws(AttestationError) -> UInt8 {
        guard position < bytes.count else { throw Self.malformed("truncated input") }
        return bytes[position]
    }

    private static func malformed(_ message: String) -> AttestationError {
        AttestationError(.malformedCBOR, message)
    }
}
