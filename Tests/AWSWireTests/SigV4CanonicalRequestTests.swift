import Testing

@testable import AWSWire

/// The canonicalisation rules one at a time; expected values are botocore's output.
@Suite struct SigV4CanonicalRequestTests {
    static func canonicalPath(_ path: String) -> String {
        var output: [UInt8] = []
        SigV4URIEncoding.appendCanonicalPath(path, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func canonicalQuery(_ query: String, excludingSignature: Bool = false) -> String {
        var output: [UInt8] = []
        SigV4CanonicalRequest.appendCanonicalQuery(
            SigV4QueryParameter.parse(query), excludingSignature: excludingSignature, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func trimmedAll(_ value: String) -> String {
        var output: [UInt8] = []
        SigV4CanonicalRequest.appendTrimmedAll(value, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    @Test(arguments: [
        ("", "/"), ("/", "/"), ("/a/../../b", "/b"), ("/./", "/"), ("//", "/"), ("/a%2Fb", "/a%252Fb"),
        ("/é", "/%C3%A9"), ("/a/b/..", "/a"), ("/a/b/../", "/a/"), ("/~x/A-Z_.*", "/~x/A-Z_.%2A"),
    ])
    func canonicalPathNormalisesThenEncodesAgain(_ path: String, _ expected: String) {
        #expect(Self.canonicalPath(path) == expected)
    }

    @Test func canonicalQuerySortsByKeyThenValue() {
        #expect(Self.canonicalQuery("b=2&a=2&a=1&A=3") == "A=3&a=1&a=2&b=2")
        // Tuple order, not string order: "a" sorts before "a-b" although "a=" > "a-".
        #expect(Self.canonicalQuery("a-b=1&a=2") == "a=2&a-b=1")
    }

    @Test func canonicalQueryNormalisesEncoding() {
        #expect(Self.canonicalQuery("q=two+words&t=%7e&s=%2f&flag") == "flag=&q=two%20words&s=%2F&t=~")
        #expect(Self.canonicalQuery("raw=a b*&bad=%zz&end=%4") == "bad=%25zz&end=%254&raw=a%20b%2A")
        #expect(Self.canonicalQuery("a=1&&b=2&") == "a=1&b=2")
    }

    @Test func canonicalQueryOmitsSignatureOnlyWhenPresigned() {
        #expect(Self.canonicalQuery("X-Amz-Signature=ab&a=1", excludingSignature: true) == "a=1")
        #expect(Self.canonicalQuery("X-Amz-Signature=ab&a=1") == "X-Amz-Signature=ab&a=1")
    }

    @Test func headerValuesAreTrimmedAndCollapsed() {
        #expect(Self.trimmedAll("  a \t  b  ") == "a b")
        #expect(Self.trimmedAll("\u{A0}x\u{2003}y\u{3000}") == "x y")
        #expect(Self.trimmedAll("") == "")
    }

    @Test func repeatedHeadersJoinWithCommas() {
        var output: [UInt8] = []
        let headers = [(name: "X-Dup", value: " one "), (name: "other", value: "x"), (name: "x-dup", value: "two  2")]
        SigV4CanonicalRequest.appendCanonicalHeader(named: "x-dup", from: headers, to: &output)
        #expect(String(decoding: output, as: UTF8.self) == "x-dup:one,two 2\n")
    }

    @Test func timestampParsesOnlyBasicFormat() throws {
        let timestamp = try #require(SigV4Timestamp("20150830T123600Z"))
        #expect(timestamp.seconds == 1_440_938_160)
        #expect(timestamp.day == "20150830")
        for invalid in ["20150830T123600", "2015-08-30T12:36:00Z", "20150230T000000Z", "20150830T240000Z", "2015083OT123600Z"] {
            #expect(SigV4Timestamp(invalid) == nil, "\(invalid)")
        }
        #expect(SigV4Timestamp("20240229T235959Z") != nil)
    }

    @Test(arguments: [0, 951_782_400, 1_440_938_160, 4_102_444_799])
    func timestampFormatsWhatItParses(_ seconds: Int64) throws {
        let text = SigV4Timestamp.format(seconds: seconds)
        #expect(try #require(SigV4Timestamp(text)).seconds == seconds)
    }

    @Test func timestampFormatsKnownInstants() {
        #expect(SigV4Timestamp.format(seconds: 0) == "19700101T000000Z")
        #expect(SigV4Timestamp.format(seconds: 951_782_400) == "20000229T000000Z")
    }
}
