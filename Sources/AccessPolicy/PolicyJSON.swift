/// A JSON value as written in a policy document, before any policy meaning is given to it.
///
/// RFC 8259 leaves duplicate object names to the implementation ("The names within an object
/// SHOULD be unique"), so objects keep every member in the order written; the policy decoder can
/// then reject a duplicate instead of silently keeping the first or the last one.
public enum PolicyJSONValue: Sendable, Equatable {
    case string(String)
    /// A number, kept as its JSON text (`1.50` stays `"1.50"`), never rounded through `Double`.
    case number(String)
    case bool(Bool)
    case null
    case array([PolicyJSONValue])
    case object(PolicyJSONObject)

    /// The deepest nesting of arrays and objects accepted; a valid policy needs six levels.
    public static let maximumDepth = 64

    /// Parses one JSON text (RFC 8259), rejecting anything after the value but whitespace.
    public init(parsing text: String) throws(PolicyJSONError) {
        var parser = PolicyJSONParser(bytes: Array(text.utf8))
        self = try parser.parseDocument()
    }
}

/// A JSON object whose members stay in document order, duplicates included.
public struct PolicyJSONObject: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: PolicyJSONValue

        public init(key: String, value: PolicyJSONValue) {
            self.key = key
            self.value = value
        }
    }

    public var members: [Member]

    public init(members: [Member]) {
        self.members = members
    }

    /// The names in document order, duplicates included.
    public var keys: [String] { members.map(\.key) }

    /// The first member whose name was already used earlier in the object.
    public var firstDuplicateKey: String? {
        var seen = Set<String>()
        for member in members where !seen.insert(member.key).inserted {
            return member.key
        }
        return nil
    }

    /// The value of the first member called `key`.
    public subscript(key: String) -> PolicyJSONValue? {
        members.first { $0.key == key }?.value
    }
}

/// Why a text is not JSON, and the byte offset in its UTF-8 form where that became clear.
public struct PolicyJSONError: Error, Sendable, Equatable {
    public var reason: String
    public var offset: Int

    public init(reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }
}

/// A recursive-descent parser over UTF-8 bytes with a fixed nesting limit.
struct PolicyJSONParser {
    /// Containers nest at most this deep, so recursion depth stays bounded.
    static let maximumDepth = PolicyJSONValue.maximumDepth

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func parseDocument() throws(PolicyJSONError) -> PolicyJSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw failure("unexpected content after the top-level value") }
        return value
    }

    private mutating func parseValue() throws(PolicyJSONError) -> PolicyJSONValue {
        guard let byte = peek() else { throw failure("expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw failure("expected a value")
        }
    }

    private mutating func parseObject() throws(PolicyJSONError) -> PolicyJSONValue {
        try enterContainer()
        index += 1
        var members: [PolicyJSONObject.Member] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(PolicyJSONObject(members: members))
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw failure("expected a quoted object key") }
            let key = try parseString()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw failure("expected ':' after an object key") }
            index += 1
            skipWhitespace()
            members.append(.init(key: key, value: try parseValue()))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return .object(PolicyJSONObject(members: members))
            default: throw failure("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func parseArray() throws(PolicyJSONError) -> PolicyJSONValue {
        try enterContainer()
        index += 1
        var elements: [PolicyJSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return .array(elements)
            default: throw failure("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func enterContainer() throws(PolicyJSONError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("nesting is deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func parseString() throws(PolicyJSONError) -> String {
        index += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        var runStart = index
        while true {
            guard let byte = peek() else { throw failure("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                scalars.append(contentsOf: decodeRun(from: runStart))
                index += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                scalars.append(contentsOf: decodeRun(from: runStart))
                index += 1
                scalars.append(try parseEscape())
                runStart = index
            case 0x00..<0x20:
                throw failure("unescaped control character in a string")
            default:
                index += 1
            }
        }
    }

    /// The input came from a Swift `String`, so every run between escapes is valid UTF-8.
    private func decodeRun(from start: Int) -> String.UnicodeScalarView {
        String(decoding: bytes[start..<index], as: UTF8.self).unicodeScalars
    }

    private mutating func parseEscape() throws(PolicyJSONError) -> Unicode.Scalar {
        guard let byte = peek() else { throw failure("unterminated escape sequence") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): return try parseUnicodeEscape()
        default:
            index -= 1
            throw failure("invalid escape sequence")
        }
    }

    private mutating func parseUnicodeEscape() throws(PolicyJSONError) -> Unicode.Scalar {
        let first = try parseHexQuad()
        switch first {
        case 0xD800...0xDBFF:
            guard peek() == UInt8(ascii: "\\"), peek(offset: 1) == UInt8(ascii: "u") else {
                throw failure("unpaired surrogate in a \\u escape")
            }
            index += 2
            let second = try parseHexQuad()
            guard (0xDC00...0xDFFF).contains(second) else { throw failure("unpaired surrogate in a \\u escape") }
            let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            guard let scalar = Unicode.Scalar(value) else { throw failure("invalid \\u escape") }
            return scalar
        case 0xDC00...0xDFFF:
            throw failure("unpaired surrogate in a \\u escape")
        default:
            guard let scalar = Unicode.Scalar(first) else { throw failure("invalid \\u escape") }
            return scalar
        }
    }

    private mutating func parseHexQuad() throws(PolicyJSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek() else { throw failure("incomplete \\u escape") }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("invalid hexadecimal digit in a \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// `number = [ minus ] int [ frac ] [ exp ]` (RFC 8259 section 6), returned as written.
    private mutating func parseNumber() throws(PolicyJSONError) -> String {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        if peek() == UInt8(ascii: "0") {
            index += 1
        } else if consumeDigits() == 0 {
            throw failure("invalid number")
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard consumeDigits() > 0 else { throw failure("invalid number") }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard consumeDigits() > 0 else { throw failure("invalid number") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func consumeDigits() -> Int {
        let start = index
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        return index - start
    }

    private mutating func expectLiteral(_ literal: String) throws(PolicyJSONError) {
        let expected = literal.utf8
        guard bytes.count - index >= expected.count, bytes[index..<(index + expected.count)].elementsEqual(expected) else {
            throw failure("expected a value")
        }
        index += expected.count
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private func peek(offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private func failure(_ reason: String) -> PolicyJSONError {
        PolicyJSONError(reason: reason, offset: index)
    }
}
