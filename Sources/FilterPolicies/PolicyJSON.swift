/// A JSON value as SNS's JSON tree model holds a filter policy or a message body: members in
/// the order written, numbers as their text.
///
/// SNS reads a `FilterPolicy` with Jackson's `ObjectMapper.readTree` before its rule compiler
/// sees it, so a repeated member replaces the earlier value in the earlier member's place
/// (Jackson's `ObjectNode` is a `LinkedHashMap`). Member order decides which error a policy
/// gets first, which is why `AWSWire`'s order-free `JSONValue` is not used here.
enum PolicyJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number, kept as its JSON text (`3.015e2` stays `"3.015e2"`).
    case number(String)
    case string(String)
    case array([PolicyJSON])
    case object([Member])

    struct Member: Sendable, Equatable {
        var key: String
        var value: PolicyJSON
    }

    /// The deepest nesting accepted: "Document nesting depth (1001) exceeds the maximum allowed
    /// (1000, from `StreamReadConstraints.getMaxNestingDepth()`)" is Jackson's answer past it.
    static let maximumDepth = 1_000
    /// Jackson's `StreamReadConstraints.getMaxNumberLength()`.
    static let maximumNumberLength = 1_000
}

/// Where and why a JSON text could not be read, worded as Jackson words it.
struct JSONSyntaxError: Error, Sendable {
    var reason: String
    /// Where reading stopped; Jackson gives none for a broken `StreamReadConstraints` limit.
    var location: (line: Int, column: Int)?

    /// How SNS's Jackson names the input in a location: it keeps the policy text out of it.
    static let redactedSource = "REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled)"
}

/// A strict RFC 8259 reader over UTF-16 code units, because Jackson counts columns in `char`s.
///
/// `parseDocument` reads one value and ignores whatever follows it, as `ObjectMapper.readTree`
/// does with `FAIL_ON_TRAILING_TOKENS` off; `parseWholeDocument` allows only whitespace after.
struct PolicyJSONParser {
    private let units: [UInt16]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(_ text: String) {
        units = Array(text.utf16)
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> PolicyJSON {
        skipWhitespace()
        guard index < units.count else {
            throw JSONSyntaxError(reason: "No content to map due to end-of-input", location: (line, 1))
        }
        return try parseValue(depth: 0)
    }

    mutating func parseWholeDocument() throws(JSONSyntaxError) -> PolicyJSON {
        let value = try parseDocument()
        skipWhitespace()
        guard index == units.count else { throw failure("Trailing content after the JSON value", at: index) }
        return value
    }

    // MARK: Values

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> PolicyJSON {
        guard index < units.count else { throw endOfInput(": expected a value") }
        let unit = units[index]
        switch unit {
        case quote:
            return .string(try parseString())
        case ascii("{"), ascii("["):
            guard depth < PolicyJSON.maximumDepth else {
                throw JSONSyntaxError(reason: "Document nesting depth (\(depth + 1)) exceeds the maximum allowed "
                                      + "(\(PolicyJSON.maximumDepth), from `StreamReadConstraints.getMaxNestingDepth()`)")
            }
            let marker = (line: line, column: index - lineStart + 1)
            return unit == ascii("{")
                ? try parseObject(depth: depth + 1, marker: marker) : try parseArray(depth: depth + 1, marker: marker)
        case ascii("-"), ascii("0")...ascii("9"):
            return .number(try parseNumber())
        case ascii("}"):
            throw unexpected(at: index, "expected a value")
        default:
            return try parseWord()
        }
    }

    private mutating func parseObject(depth: Int, marker: Marker) throws(JSONSyntaxError) -> PolicyJSON {
        index += 1
        var members: [PolicyJSON.Member] = []
        // Names compare by UTF-16 code unit, as Java compares them, not by Swift's equivalence.
        var positions: [[UInt16]: Int] = [:]
        skipWhitespace()
        if index < units.count, units[index] == ascii("}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < units.count else { throw endOfContainer("Object", marker) }
            guard units[index] == quote else {
                throw unexpected(at: index, "was expecting double-quote to start field name")
            }
            let key = try parseString()
            skipWhitespace()
            guard index < units.count else { throw endOfContainer("Object", marker) }
            guard units[index] == ascii(":") else {
                throw unexpected(at: index, "was expecting a colon to separate field name and value")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            if let position = Self.position(of: key, in: members, indexed: &positions) {
                members[position].value = value
            } else {
                members.append(PolicyJSON.Member(key: key, value: value))
            }
            skipWhitespace()
            guard index < units.count else { throw endOfContainer("Object", marker) }
            switch units[index] {
            case ascii(","): index += 1
            case ascii("}"): index += 1; return .object(members)
            default: throw unexpected(at: index, "was expecting comma to separate Object entries")
            }
        }
    }

    private mutating func parseArray(depth: Int, marker: Marker) throws(JSONSyntaxError) -> PolicyJSON {
        index += 1
        var items: [PolicyJSON] = []
        skipWhitespace()
        if index < units.count, units[index] == ascii("]") {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            guard index < units.count else { throw endOfContainer("Array", marker) }
            if units[index] == ascii("]") {
                throw unexpected(at: index, "expected a valid value " + Self.validValues)
            }
            items.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < units.count else { throw endOfContainer("Array", marker) }
            switch units[index] {
            case ascii(","): index += 1
            case ascii("]"): index += 1; return .array(items)
            default: throw unexpected(at: index, "was expecting comma to separate Array entries")
            }
        }
    }

    /// Where `key` already is among `members`: a linear search while the object is small, an index
    /// built on demand after that.
    private static func position(of key: String, in members: [PolicyJSON.Member],
                                 indexed positions: inout [[UInt16]: Int]) -> Int? {
        let smallObject = 16
        guard members.count >= smallObject else {
            return members.firstIndex { $0.key.utf16.elementsEqual(key.utf16) }
        }
        if positions.isEmpty {
            for (position, member) in members.enumerated() { positions[Array(member.key.utf16)] = position }
        }
        if let position = positions[Array(key.utf16)] { return position }
        positions[Array(key.utf16)] = members.count
        return nil
    }

    /// `true`, `false` and `null`, or Jackson's "Unrecognized token" for any other word.
    private mutating func parseWord() throws(JSONSyntaxError) -> PolicyJSON {
        let start = index
        guard isIdentifierPart(units[index]), !isDigit(units[index]) else {
            throw unexpected(at: index, "expected a valid value " + Self.validValues)
        }
        while index < units.count, isIdentifierPart(units[index]), index - start < 256 { index += 1 }
        let word = String(decoding: units[start..<index], as: UTF16.self)
        switch word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default:
            throw failure("Unrecognized token '\(word)': was expecting " + Self.validValues, at: index)
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as written.
    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        if units[index] == ascii("-") {
            index += 1
            guard index < units.count, isDigit(units[index]) else {
                throw failure("Invalid numeric value: expected digit (0-9) to follow minus sign, for valid numeric value",
                              at: index)
            }
        }
        if units[index] == ascii("0"), index + 1 < units.count, isDigit(units[index + 1]) {
            throw failure("Invalid numeric value: Leading zeroes not allowed", at: index + 1)
        }
        skipDigits()
        if index < units.count, units[index] == ascii(".") {
            index += 1
            guard index < units.count, isDigit(units[index]) else {
                throw numberFailure("Decimal point not followed by a digit")
            }
            skipDigits()
        }
        if index < units.count, units[index] == ascii("e") || units[index] == ascii("E") {
            index += 1
            if index < units.count, units[index] == ascii("+") || units[index] == ascii("-") { index += 1 }
            guard index < units.count, isDigit(units[index]) else {
                throw numberFailure("Exponent indicator not followed by a digit")
            }
            skipDigits()
        }
        guard index - start <= PolicyJSON.maximumNumberLength else {
            throw JSONSyntaxError(reason: "Number value length (\(index - start)) exceeds the maximum allowed "
                                  + "(\(PolicyJSON.maximumNumberLength), from `StreamReadConstraints.getMaxNumberLength()`)")
        }
        return String(decoding: units[start..<index], as: UTF16.self)
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1
        let start = index
        // Most strings have no escape: read them in one slice.
        while index < units.count, units[index] != quote, units[index] != ascii("\\"), units[index] >= 0x20 {
            index += 1
        }
        if index < units.count, units[index] == quote {
            index += 1
            return String(decoding: units[start..<index - 1], as: UTF16.self)
        }
        var scratch = Array(units[start..<index])
        while index < units.count {
            let unit = units[index]
            index += 1
            switch unit {
            case quote:
                return String(decoding: scratch, as: UTF16.self)
            case ascii("\\"):
                scratch.append(try parseEscape())
            case 0..<0x20:
                throw failure("Illegal unquoted character (\(Self.describe(unit))): has to be escaped using "
                              + "backslash to be included in string value", at: index)
            default:
                scratch.append(unit)
            }
        }
        throw endOfInput(": was expecting closing quote for a string value")
    }

    private mutating func parseEscape() throws(JSONSyntaxError) -> UInt16 {
        guard index < units.count else { throw endOfInput(" in character escape sequence") }
        let escape = units[index]
        index += 1
        switch escape {
        case quote, ascii("\\"), ascii("/"): return escape
        case ascii("b"): return 0x08
        case ascii("f"): return 0x0C
        case ascii("n"): return 0x0A
        case ascii("r"): return 0x0D
        case ascii("t"): return 0x09
        case ascii("u"):
            var value: UInt16 = 0
            for _ in 0..<4 {
                guard index < units.count else { throw endOfInput(" in character escape sequence") }
                guard let digit = hexValue(units[index]) else {
                    throw unexpected(at: index, "expected a hex-digit for character escape sequence")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        default:
            throw failure("Unrecognized character escape \(Self.describe(escape))", at: index)
        }
    }

    // MARK: Errors, in Jackson's words

    static let validValues = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"

    /// Jackson's `_getCharDesc`.
    static func describe(_ unit: UInt16) -> String {
        if unit < 0x20 || (0x7F...0x9F).contains(unit) { return "(CTRL-CHAR, code \(unit))" }
        let character = String(decoding: [unit], as: UTF16.self)
        if unit > 255 { return "'\(character)' (code \(unit) / 0x\(String(unit, radix: 16)))" }
        return "'\(character)' (code \(unit))"
    }

    private func failure(_ reason: String, at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError(reason: reason, location: (line, offset - lineStart + 1))
    }

    /// Jackson reports an unexpected character at that character's own column.
    private func unexpected(at offset: Int, _ comment: String) -> JSONSyntaxError {
        failure("Unexpected character (\(Self.describe(units[offset]))): \(comment)", at: offset)
    }

    private func numberFailure(_ comment: String) -> JSONSyntaxError {
        guard index < units.count else { return endOfInput(" in a Number value") }
        return failure("Unexpected character (\(Self.describe(units[index]))) in numeric value: \(comment)", at: index)
    }

    private func endOfInput(_ detail: String) -> JSONSyntaxError {
        failure("Unexpected end-of-input" + detail, at: units.count)
    }

    /// Where an array or object started, which Jackson names when the input ends inside it.
    private typealias Marker = (line: Int, column: Int)

    private func endOfContainer(_ kind: String, _ marker: Marker) -> JSONSyntaxError {
        endOfInput(": expected close marker for \(kind) (start marker at [Source: \(JSONSyntaxError.redactedSource); "
                   + "line: \(marker.line), column: \(marker.column)])")
    }

    // MARK: Characters

    private mutating func skipWhitespace() {
        while index < units.count {
            switch units[index] {
            case 0x20, 0x09: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            case 0x0D:
                index += 1
                if index < units.count, units[index] == 0x0A { index += 1 }
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    private mutating func skipDigits() {
        while index < units.count, isDigit(units[index]) { index += 1 }
    }

    private func isDigit(_ unit: UInt16) -> Bool { unit >= ascii("0") && unit <= ascii("9") }

    /// Close to Java's `Character.isJavaIdentifierPart` for the characters a token can start with.
    private func isIdentifierPart(_ unit: UInt16) -> Bool {
        switch unit {
        case ascii("a")...ascii("z"), ascii("A")...ascii("Z"), ascii("0")...ascii("9"), ascii("_"), ascii("$"): true
        case 0x80...: Unicode.Scalar(unit).map { $0.properties.isAlphabetic } ?? false
        default: false
        }
    }

    private func hexValue(_ unit: UInt16) -> UInt16? {
        switch unit {
        case ascii("0")...ascii("9"): unit - ascii("0")
        case ascii("a")...ascii("f"): unit - ascii("a") + 10
        case ascii("A")...ascii("F"): unit - ascii("A") + 10
        default: nil
        }
    }
}

private let quote = ascii("\"")

private func ascii(_ character: Unicode.Scalar) -> UInt16 { UInt16(character.value) }
