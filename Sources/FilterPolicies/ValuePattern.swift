/// One value a message offers to a policy key: a message attribute's value, an element of a
/// `String.Array` attribute, or a leaf of the message body.
enum EventValue: Sendable, Equatable {
    case string(String)
    /// A number, as written in the message.
    case number(String)
    case literal(JSONLiteral)

    /// "The key must have a non-null and non-empty value" for `"exists": true` to hold
    /// (Amazon SNS Developer Guide, Key matching).
    var isPresent: Bool {
        switch self {
        case .string(let string): !string.isEmpty
        case .number: true
        case .literal(let literal): literal != .null
        }
    }
}

extension EventValue {
    /// A JSON leaf as a value; arrays and objects are not values.
    init?(_ json: PolicyJSON) {
        switch json {
        case .string(let string): self = .string(string)
        case .number(let text): self = .number(text)
        case .bool(let flag): self = .literal(flag ? .true : .false)
        case .null: self = .literal(.null)
        case .array, .object: return nil
        }
    }
}

enum JSONLiteral: String, Sendable, Equatable {
    case `true`, `false`, null
}

/// One entry of a policy key's list; the key matches when any entry accepts a value.
///
/// String comparisons are on UTF-8 bytes, not on Swift's canonical equivalence: "For string
/// matching in the filter policy, the comparison is case-sensitive" (Filter policy constraints).
enum ValuePattern: Sendable, Equatable {
    /// "Exact matching occurs when a policy property value matches one or more message attribute
    /// values" (String value matching). A string that is an IP address matches that address.
    case exactString(String, address: IPAddress?)
    /// A number in the list matches a number of the same text, or the same value: `[{"numeric":
    /// ["=", 301.5]}]` "matches … `"Value": 3.015e2`" (Numeric value matching); a plain number
    /// outside the comparable range still matches by its text.
    case exactNumber(text: String, value: ComparableNumber?)
    /// `true`, `false` or `null` in the list.
    case literal(JSONLiteral)
    /// "it matches any message attribute value that begins with the specified characters"
    /// (String value matching, Prefix matching).
    case prefix(String)
    /// Matches values ending with the given characters (String value matching, Suffix matching).
    case suffix(String)
    /// Matches values equal but for case (String value matching, Equals-ignore-case matching).
    case equalsIgnoreCase(String)
    /// "it matches any message attribute or message body values that don't include any of the
    /// policy property values" (String value matching, Anything-but matching).
    case anythingBut(Exclusion)
    /// `<`, `<=`, `=`, `>`, `>=` and two-sided ranges (Numeric value matching).
    case numeric(NumericRange)
    /// An address within a subnet (String value matching, IP address matching).
    case cidr(IPRange)
    /// "Use "exists": true to match incoming messages that include the specified property";
    /// `false` for those that don't (Key matching).
    case exists(Bool)

    enum Exclusion: Sendable, Equatable {
        case strings([String])
        case numbers([ComparableNumber])
        /// "you can also use a prefix with the anything-but operator" (Anything-but matching).
        case prefix(String)
    }

    /// Whether `value` satisfies this entry. `exists` entries depend on the whole message, not on
    /// one value: `"exists": true` accepts any present value here, `"exists": false` none.
    func accepts(_ value: EventValue) -> Bool {
        switch self {
        case .exactString(let expected, let address):
            guard case .string(let string) = value else { return false }
            return sameBytes(string, expected) || (address != nil && IPAddress(string) == address)
        case .exactNumber(let text, let number):
            guard case .number(let written) = value else { return false }
            return written == text || (number != nil && ComparableNumber(text: written) == number)
        case .literal(let literal):
            return value == .literal(literal)
        case .prefix(let prefix):
            guard case .string(let string) = value else { return false }
            return string.utf8.starts(with: prefix.utf8)
        case .suffix(let suffix):
            guard case .string(let string) = value else { return false }
            return string.utf8.reversed().starts(with: suffix.utf8.reversed())
        case .equalsIgnoreCase(let expected):
            guard case .string(let string) = value else { return false }
            return sameBytes(string.lowercased(), expected.lowercased())
        case .anythingBut(let exclusion):
            return !exclusion.excludes(value)
        case .numeric(let range):
            guard case .number(let written) = value, let number = ComparableNumber(text: written) else { return false }
            return range.contains(number)
        case .cidr(let range):
            guard case .string(let string) = value, let address = IPAddress(string) else { return false }
            return range.contains(address)
        case .exists(let present):
            return present && value.isPresent
        }
    }
}

extension ValuePattern.Exclusion {
    /// Only a value of the excluded kind can be excluded: a number is never one of the strings.
    func excludes(_ value: EventValue) -> Bool {
        switch (self, value) {
        case (.strings(let strings), .string(let string)):
            strings.contains { sameBytes($0, string) }
        case (.numbers(let numbers), .number(let written)):
            ComparableNumber(text: written).map(numbers.contains) ?? false
        case (.prefix(let prefix), .string(let string)):
            string.utf8.starts(with: prefix.utf8)
        default:
            false
        }
    }
}

/// A numeric condition: a bottom and a top, each open (`>`, `<`) or closed (`>=`, `<=`). A
/// one-sided condition reaches the end of the comparable numbers; `=` is the closed range from a
/// value to itself.
struct NumericRange: Sendable, Equatable {
    var bottom: ComparableNumber
    var bottomOpen = false
    var top: ComparableNumber
    var topOpen = false

    func contains(_ number: ComparableNumber) -> Bool {
        (bottomOpen ? number > bottom : number >= bottom) && (topOpen ? number < top : number <= top)
    }
}

private func sameBytes(_ lhs: String, _ rhs: String) -> Bool {
    lhs.utf8.elementsEqual(rhs.utf8)
}
