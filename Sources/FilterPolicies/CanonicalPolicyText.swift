/// A filter policy as SNS hands it to its rule compiler: re-serialized compactly by Jackson.
///
/// The policy text quoted in AWS's refusals is never the text the caller sent: `{"key": [["value"]]}`
/// sent with Python's `json.dumps` is quoted as `{"key":[["value"]]}` (recorded in
/// `test_sns_filter_policy.snapshot.json`), so SNS parses the policy into a tree and writes it back
/// before compiling it. Columns in those refusals count in that text, so this type keeps it with
/// the tokens a streaming reader would see in it and where each one lies.
struct CanonicalPolicyText: Sendable {
    private(set) var text = ""
    private(set) var tokens: [RuleToken] = []
    /// Length of `text` in UTF-16 code units, the unit of Jackson's columns.
    private var length = 0

    init(_ document: PolicyJSON) {
        write(document)
    }

    private mutating func write(_ value: PolicyJSON) {
        switch value {
        case .null: emit(.null, "null")
        case .bool(let flag): emit(flag ? .true : .false, flag ? "true" : "false")
        case .string(let string): emit(.string, quoted(string), text: string)
        case .number(let written):
            let number = CanonicalNumber(written)
            switch number {
            case .text(let canonical): emit(.number, canonical)
            // Jackson writes a double too large for its type as a string (WRITE_NAN_AS_STRINGS).
            case .nonFinite(let name): emit(.string, quoted(name), text: name)
            }
        case .array(let items):
            emit(.startArray, "[")
            for (position, item) in items.enumerated() {
                if position > 0 { append(",") }
                write(item)
            }
            emit(.endArray, "]")
        case .object(let members):
            emit(.startObject, "{")
            for (position, member) in members.enumerated() {
                if position > 0 { append(",") }
                emit(.fieldName, quoted(member.key), text: member.key)
                append(":")
                write(member.value)
            }
            emit(.endObject, "}")
        }
    }

    private mutating func emit(_ kind: RuleToken.Kind, _ written: String, text value: String? = nil) {
        let start = length
        append(written)
        tokens.append(RuleToken(kind: kind, text: value ?? written, start: start, end: length))
    }

    private mutating func append(_ piece: String) {
        text += piece
        length += piece.utf16.count
    }

    /// Jackson's default string escaping: `"` and `\`, and control characters; nothing else.
    private func quoted(_ string: String) -> String {
        var out = "\""
        for unit in string.unicodeScalars {
            switch unit {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{09}": out += "\\t"
            case "\u{0A}": out += "\\n"
            case "\u{0C}": out += "\\f"
            case "\u{0D}": out += "\\r"
            case "\u{00}"..."\u{1F}":
                let hex = String(unit.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(unit)
            }
        }
        return out + "\""
    }
}

/// One token of the canonical text, with its place: `start` is the offset of its first code unit
/// and `end` the offset just past its last.
struct RuleToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case startObject, endObject, startArray, endArray, fieldName, string, number, `true`, `false`, null
    }

    var kind: Kind
    /// What Jackson's `getText()` answers: a string's or a name's content, otherwise the token.
    var text: String
    var start: Int
    var end: Int
}

/// A JSON number as Jackson's tree writes it back: integers (`IntNode`, `LongNode`,
/// `BigIntegerNode`) keep their digits, other numbers become a `DoubleNode` written by Java's
/// `Double.toString` (`1.50` → `1.5`, `1e3` → `1000.0`, `1e-7` → `1.0E-7`).
enum CanonicalNumber: Equatable {
    case text(String)
    case nonFinite(String)

    init(_ written: String) {
        let isInteger = !written.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        if isInteger {
            self = .text(written == "-0" ? "0" : written)
            return
        }
        let value = Double(written) ?? .nan
        guard value.isFinite else {
            self = .nonFinite(value < 0 ? "-Infinity" : "Infinity")
            return
        }
        self = .text(JavaDouble.string(value))
    }
}

/// Java's `Double.toString`: plain notation with at least one fractional digit for magnitudes in
/// [10⁻³, 10⁷), otherwise "computerized scientific notation" such as `1.0E9` or `-2.5E-4`.
enum JavaDouble {
    static func string(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity") }
        let sign = value.sign == .minus ? "-" : ""
        if value == 0 { return sign + "0.0" }
        let (digits, exponent) = shortestDigits(abs(value))
        // value = 0.d₁d₂…dₙ × 10^exponent
        let magnitude = abs(value)
        if magnitude >= 1e-3 && magnitude < 1e7 {
            if exponent <= 0 {
                return sign + "0." + String(repeating: "0", count: -exponent) + digits
            }
            if digits.count <= exponent {
                return sign + digits + String(repeating: "0", count: exponent - digits.count) + ".0"
            }
            let split = digits.index(digits.startIndex, offsetBy: exponent)
            return sign + digits[..<split] + "." + digits[split...]
        }
        let fraction = digits.count > 1 ? String(digits.dropFirst()) : "0"
        return sign + String(digits.first!) + "." + fraction + "E" + String(exponent - 1)
    }

    /// The shortest digits that read back as `value` (Swift's and Java 19's algorithm agree on
    /// them), without leading or trailing zeros, and the decimal exponent of `0.digits`.
    private static func shortestDigits(_ value: Double) -> (String, Int) {
        let description = value.description
        var mantissa = Substring(description)
        var exponent = 0
        if let marker = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = description[..<marker]
            exponent = Int(description[description.index(after: marker)...]) ?? 0
        }
        let point = mantissa.firstIndex(of: ".")
        let integerDigits = point.map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        var digits = mantissa.filter { $0 != "." }
        var leading = 0
        while digits.first == "0" {
            digits.removeFirst()
            leading += 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (String(digits), integerDigits - leading + exponent)
    }
}
