import Testing
@testable import AWSWire

@Suite struct AWSQueryResponseWriterTests {
    static let namespace = "https://synth.example/doc/2020-01-01/"

    func xml(_ value: JSONValue?, action: String = "Probe", schema: ShapeSchema = QueryProbe.schema) -> String {
        let bytes = AWSQueryResponseWriter.write(action: action, result: value.map { ($0, schema) },
                                                 namespace: Self.namespace, requestID: "req-1")
        return String(decoding: bytes, as: UTF8.self)
    }

    func wrapped(_ result: String) -> String {
        #"<ProbeResponse xmlns="https://synth.example/doc/2020-01-01/"><ProbeResult>"# + result
            + "</ProbeResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ProbeResponse>"
    }

    @Test func writesEveryShapeKindInModelOrder() {
        let value: JSONValue = .object([
            "Nested": .object([
                "Groups": .array([.array([QueryProbe.item("g1")]), .array([])]),
                "Inner": QueryProbe.item("in"),
            ]),
            "Attributes": .object(["b": .string("2"), "a": .string("1")]),
            "Items": .array([
                .object(["Labels": .object(["z": .string("1"), "a": .string("2")]), "Values": QueryProbe.strings("a", "b"),
                         "Key": .string("k1")]),
                QueryProbe.item("k2"),
            ]),
            "Names": .array([]),
            "Data": .string("aGk="),
            "When": .number(1_795_545_600),
            "Ratio": .number(0.5),
            "Count": .number(7),
            "Flag": .bool(true),
            "Name": .string("a&b"),
        ])
        #expect(xml(value) == wrapped(
            "<Name>a&amp;b</Name><Flag>true</Flag><Count>7</Count><Ratio>0.5</Ratio><When>2026-11-24T18:40:00Z</When>"
                + "<Data>aGk=</Data><Names></Names>"
                + "<Items><member><Key>k1</Key><Values><member>a</member><member>b</member></Values>"
                + "<Labels><entry><key>a</key><value>2</value></entry><entry><key>z</key><value>1</value></entry></Labels></member>"
                + "<member><Key>k2</Key></member></Items>"
                + "<Attributes><entry><key>a</key><value>1</value></entry><entry><key>b</key><value>2</value></entry></Attributes>"
                + "<Nested><Inner><Key>in</Key></Inner><Groups><member><member><Key>g1</Key></member></member><member></member></Groups></Nested>"))
    }

    @Test func operationWithoutOutputHasNoResultElement() {
        #expect(xml(nil, action: "Nothing") == #"<NothingResponse xmlns="https://synth.example/doc/2020-01-01/">"#
            + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></NothingResponse>")
    }

    @Test func outputWithoutMembersStillHasItsResultElement() {
        #expect(xml(.object([:])) == wrapped(""))
    }

    @Test func nullAndAbsentMembersAreLeftOut() {
        #expect(xml(.object(["Name": .null, "Names": .array([.string("a"), .null]), "Attributes": .object(["k": .null])]))
            == wrapped("<Names><member>a</member></Names><Attributes></Attributes>"))
    }

    @Test func valuesOfTheWrongKindAreLeftOut() {
        #expect(xml(.object(["Name": .number(1), "Count": .number(1.5), "Flag": .string("true"), "Names": .string("a"),
                             "When": .string("2026-11-24T18:40:00Z"), "Ratio": .number(2)]))
            == wrapped("<Ratio>2</Ratio>"))
    }

    @Test func timestampsKeepMillisecondsAndDoublesTheirSmithySpellings() {
        #expect(xml(.object(["When": .number(1_795_545_600.5), "Ratio": .number(0.00001)]))
            == wrapped("<Ratio>1e-05</Ratio><When>2026-11-24T18:40:00.500Z</When>"))
        #expect(xml(.object(["Ratio": .number(.infinity)])) == wrapped("<Ratio>Infinity</Ratio>"))
        #expect(xml(.object(["Ratio": .number(-.infinity)])) == wrapped("<Ratio>-Infinity</Ratio>"))
        #expect(xml(.object(["Ratio": .number(.nan)])) == wrapped("<Ratio>NaN</Ratio>"))
    }

    @Test func escapesTextAndRequestID() {
        let bytes = AWSQueryResponseWriter.write(action: "Probe", result: (.object(["Name": .string("<\"x\">\r\n")]), QueryProbe.schema),
                                                 namespace: Self.namespace, requestID: "a<b")
        #expect(String(decoding: bytes, as: UTF8.self)
            == #"<ProbeResponse xmlns="https://synth.example/doc/2020-01-01/"><ProbeResult><Name>&lt;&quot;x&quot;&gt;&#xD;&#xA;</Name>"#
            + "</ProbeResult><ResponseMetadata><RequestId>a&lt;b</RequestId></ResponseMetadata></ProbeResponse>")
    }
}
