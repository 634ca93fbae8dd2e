import AccessPolicy
import Testing

/// The JSON reader under the policy parser: RFC 8259, order-preserving, duplicate-keeping.
@Suite struct PolicyJSONTests {
    @Test func objectKeepsMembersInDocumentOrderWithDuplicates() throws {
        let value = try PolicyJSONValue(parsing: #"{"b": 1, "a": 2, "b": 3}"#)
        guard case .object(let object) = value else {
            Issue.record("expected an object, got \(value)")
            return
        }
        #expect(object.keys == ["b", "a", "b"])
        #expect(object.firstDuplicateKey == "b")
        #expect(object["b"] == .number("1"))
    }

    @Test func objectWithoutDuplicatesReportsNone() throws {
        guard case .object(let object) = try PolicyJSONValue(parsing: #"{"a": {"a": 1}, "b": [{"a": 2}]}"#) else {
            Issue.record("expected an object")
            return
        }
        #expect(object.firstDuplicateKey == nil)
    }

    @Test func nestedValuesAreRead() throws {
        let value = try PolicyJSONValue(parsing: " {\"k\" :\t[true,false , null,\r\n-0.5e+2, \"s\", {}, []]}\n")
        let members = [PolicyJSONObject.Member(key: "k", value: .array([
            .bool(true), .bool(false), .null, .number("-0.5e+2"), .string("s"), .object(PolicyJSONObject(members: [])), .array([]),
        ]))]
        #expect(value == .object(PolicyJSONObject(members: members)))
    }

    @Test(arguments: [
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{08}\u{0C}\n\r\t"),
        (#""\u0041\u00e9\u4e2d""#, "Aé中"),
        (#""\ud83d\ude00""#, "😀"),
        (#""é中😀""#, "é中😀"),
        (#""""#, ""),
    ])
    func stringEscapesAreDecoded(_ json: String, _ expected: String) throws {
        #expect(try PolicyJSONValue(parsing: json) == .string(expected))
    }

    @Test(arguments: ["0", "-0", "12", "1.25", "1e5", "1E-5", "-12.5e+10"])
    func numberIsKeptAsWritten(_ json: String) throws {
        #expect(try PolicyJSONValue(parsing: json) == .number(json))
    }

    @Test(arguments: [
        ("", "expected a value", 0),
        ("{", "expected a quoted object key", 1),
        (#"{"a" 1}"#, "expected ':' after an object key", 5),
        (#"{"a": 1,}"#, "expected a quoted object key", 8),
        (#"{"a": 1 "b": 2}"#, "expected ',' or '}' in an object", 8),
        ("[1 2]", "expected ',' or ']' in an array", 3),
        ("[1,]", "expected a value", 3),
        ("{'a': 1}", "expected a quoted object key", 1),
        ("tru", "expected a value", 0),
        ("nul", "expected a value", 0),
        ("01", "unexpected content after the top-level value", 1),
        ("1.", "invalid number", 2),
        ("-", "invalid number", 1),
        ("1e", "invalid number", 2),
        ("+1", "expected a value", 0),
        (".5", "expected a value", 0),
        ("NaN", "expected a value", 0),
        (#""abc"#, "unterminated string", 4),
        ("\"a\u{09}b\"", "unescaped control character in a string", 2),
        (#""\x""#, "invalid escape sequence", 2),
        (#""\u12""#, #"invalid hexadecimal digit in a \u escape"#, 5),
        (#""\ud83d""#, #"unpaired surrogate in a \u escape"#, 7),
        (#""\ude00""#, #"unpaired surrogate in a \u escape"#, 7),
        (#""\ud83d\u0041""#, #"unpaired surrogate in a \u escape"#, 13),
        ("{} {}", "unexpected content after the top-level value", 3),
        ("/* comment */ {}", "expected a value", 0),
    ])
    func malformedJSONIsRejectedWithReasonAndOffset(_ json: String, _ reason: String, _ offset: Int) {
        #expect(throws: PolicyJSONError(reason: reason, offset: offset)) {
            try PolicyJSONValue(parsing: json)
        }
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = PolicyJSONValue.maximumDepth
        let json = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: Never.self) { try PolicyJSONValue(parsing: json) }
    }

    @Test func nestingBeyondTheLimitIsRejectedWithoutExhaustingTheStack() {
        let json = String(repeating: "[", count: 100_000)
        #expect(throws: PolicyJSONError(reason: "nesting is deeper than 64 levels", offset: 64)) {
            try PolicyJSONValue(parsing: json)
        }
    }
}
