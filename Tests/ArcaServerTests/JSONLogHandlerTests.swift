import Foundation
import Logging
import Testing
@testable import ArcaServer

/// The JSON log line: fixed members first, metadata after in key order, numbers as numbers,
/// everything escaped so one entry stays one line.
@Suite struct JSONLogHandlerTests {
    static let time = Date(timeIntervalSince1970: 1_700_000_000.25)

    static func line(_ message: String, _ metadata: Logger.Metadata) -> String {
        String(decoding: JSONLogHandler.line(time: time, level: .notice, label: "arca", message: message, metadata: metadata),
               as: UTF8.self)
    }

    @Test func aLineIsOneJSONObjectWithTheFixedMembersFirst() throws {
        let text = Self.line("request", ["requestId": "r-1", "status": .stringConvertible(400), "durationMs": .stringConvertible(1.5)])
        #expect(text == #"{"time":"2023-11-14T22:13:20.250Z","level":"notice","logger":"arca","message":"request","durationMs":1.5,"requestId":"r-1","status":400}"# + "\n")
    }

    @Test func quotesControlCharactersAndNewlinesAreEscaped() throws {
        let text = Self.line("two\nlines \"quoted\"\t\u{01}", ["path": "a\\b"])
        #expect(text.filter { $0 == "\n" }.count == 1 && text.hasSuffix("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "two\nlines \"quoted\"\t\u{01}")
        #expect(object["path"] as? String == "a\\b")
    }

    @Test func nestedMetadataStaysStructuredAndReservedNamesAreNotOverwritten() throws {
        let text = Self.line("m", ["message": "from metadata", "binds": ["a", "b"], "scope": ["account": "1", "region": "r"],
                                   "infinite": .stringConvertible(Double.infinity)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "m")
        #expect(object["metadata.message"] as? String == "from metadata")
        #expect(object["binds"] as? [String] == ["a", "b"])
        #expect(object["scope"] as? [String: String] == ["account": "1", "region": "r"])
        #expect(object["infinite"] as? String == "inf")
    }
}
