import Foundation
import Testing
@testable import AWSWire

@Suite struct JSONParserTests {
    static let valid = [
        "{}", "[]", "0", "-0", "1.5e3", "-12.25E-2", "true", "false", "null", #""""#, " \t\n\r{ } ",
        #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#, #""\"\\\/\b\f\n\r\t""#, #""\u00e9\u4e2d\ud83d\ude00""#,
        #""é中😀""#, #"[1,[2,[3,[4]]]]"#, "123456789012",
    ]
    static let invalid = [
        "", " ", "{", "}", "[", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "1.", ".5", "-", "1e", "+1",
        "tru", "nul", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "\"a\u{01}b\"", "[1] 2",
        "{\"a\":1}}", "'a'", "NaN", "Infinity",
    ]

    @Test(arguments: valid)
    func acceptsWhatFoundationAccepts(_ json: String) throws {
        let ours = try JSONParser.parse(Array(json.utf8))
        let foundation = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        #expect(ours == foundation)
    }

    @Test(arguments: invalid)
    func rejectsMalformedDocuments(_ json: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(json.utf8)) }
    }

    @Test func invalidUTF8IsRejected() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func nestingDeeperThanTheLimitIsRejectedWithoutRecursingForever() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(deep.utf8)) }
        let allowed = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(throws: Never.self) { try JSONParser.parse(Array(allowed.utf8)) }
    }
}

@Suite struct JSONWriterTests {
    struct Probe: JSONWritable {
        var text: String
        var blob: Data?
        var when: Date
        var items: [Int]
        var map: [String: String]
        func write(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.member("Text", text)
            writer.member("Blob", blob)
            writer.member("When", when)
            writer.member("Items", items)
            writer.member("Map", map)
            writer.endObject()
        }
    }

    @Test func writesWhatFoundationReadsBack() throws {
        let probe = Probe(text: "q\"b\\s\n\t\u{01}é😀", blob: Data([0, 255, 7]), when: Date(timeIntervalSince1970: 1_700_000_000.25),
                          items: [1, -2], map: ["b": "2", "a": "1"])
        let data = JSONWriter.encode(probe)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["Text"] as? String == probe.text)
        #expect(object["Blob"] as? String == "AP8H")
        #expect((object["When"] as? NSNumber)?.doubleValue == 1_700_000_000.25)
        #expect(object["Items"] as? [Int] == [1, -2])
        #expect(object["Map"] as? [String: String] == ["a": "1", "b": "2"])
        #expect(try JSONParser.parse(Array(data)) != .null)
    }

    @Test func absentOptionalMembersAreOmitted() {
        let data = JSONWriter.encode(Probe(text: "", blob: nil, when: Date(timeIntervalSince1970: 0), items: [], map: [:]))
        #expect(String(decoding: data, as: UTF8.self) == #"{"Text":"","When":0.0,"Items":[],"Map":{}}"#)
    }

    @Test func errorBodyIsTypeAndMessage() {
        let data = AWSJSONCoding.encodeError(AWSRequestError.validation("bad \"value\""))
        #expect(String(decoding: data, as: UTF8.self) == #"{"__type":"ValidationException","message":"bad \"value\""}"#)
    }

    @Test func errorWithoutAMessageOmitsTheMember() {
        let data = AWSJSONCoding.encodeError(AWSRequestError.validation(""))
        #expect(String(decoding: data, as: UTF8.self) == #"{"__type":"ValidationException"}"#)
    }
}
