import Testing
@testable import AWSWire

@Suite struct AWSQueryDecoderTests {
    func decode(_ body: String, as schema: ShapeSchema = QueryProbe.schema) throws(AWSRequestError) -> JSONValue {
        try AWSQueryDecoder().decode(AWSQueryParameters(formURLEncoded: Array(body.utf8)), as: schema)
    }

    func fields(_ body: String) throws -> [String: JSONValue] {
        try decode(body).fields()
    }

    /// The `synthetic` Probe request exactly as botocore's QuerySerializer writes it.
    static let botocoreProbe = "Action=Probe&Version=2020-01-01&Name=x+y&Flag=false&Count=-42&Ratio=0.25"
        + "&When=2026-11-24T18%3A40%3A00.123456Z&Data=aGkAdGhlcmU%3D&Names=&Items.member.1.Key=k1"
        + "&Items.member.1.Values.member.1=a&Items.member.1.Values.member.2=b&Items.member.1.Labels.entry.1.key=l1"
        + "&Items.member.1.Labels.entry.1.value=v1&Items.member.1.Labels.entry.2.key=l2&Items.member.1.Labels.entry.2.value="
        + "&Items.member.2.Key=k2&Items.member.2.Values=&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=Ops"
        + "&Attributes.entry.2.key=Policy&Attributes.entry.2.value=%7B%22a%22%3A+1%7D&Nested.Inner.Key=in"
        + "&Nested.Groups.member.1.member.1.Key=g1&Nested.Groups.member.2=&Nested.Groups.member.3.member.1.Key=g3a"
        + "&Nested.Groups.member.3.member.2.Key=g3b"

    @Test func decodesEveryShapeKindBotocoreSends() throws {
        var fields = try fields(Self.botocoreProbe)
        let when = fields.removeValue(forKey: "When")
        guard case .number(let seconds) = when else { Issue.record("When is \(String(describing: when))"); return }
        #expect(abs(seconds - 1_795_545_600.123456) < 1e-6)
        #expect(fields == [
            "Name": .string("x y"),
            "Flag": .bool(false),
            "Count": .number(-42),
            "Ratio": .number(0.25),
            "Data": .string("aGkAdGhlcmU="),
            "Names": .array([]),
            "Items": .array([
                .object(["Key": .string("k1"), "Values": QueryProbe.strings("a", "b"),
                         "Labels": .object(["l1": .string("v1"), "l2": .string("")])]),
                .object(["Key": .string("k2"), "Values": .array([])]),
            ]),
            "Attributes": .object(["DisplayName": .string("Ops"), "Policy": .string(#"{"a": 1}"#)]),
            "Nested": .object([
                "Inner": QueryProbe.item("in"),
                "Groups": .array([
                    .array([QueryProbe.item("g1")]),
                    .array([]),
                    .array([QueryProbe.item("g3a"), QueryProbe.item("g3b")]),
                ]),
            ]),
        ])
    }

    @Test func decodesTrueWholeSecondTimestampsAndExponents() throws {
        // botocore: {"When": 2026-11-24T18:40:00Z, "Flag": true, "Ratio": 1e-05}
        let fields = try fields("Action=Probe&Version=2020-01-01&When=2026-11-24T18%3A40%3A00Z&Flag=true&Ratio=1e-05")
        #expect(fields == ["When": .number(1_795_545_600), "Flag": .bool(true), "Ratio": .number(0.00001)])
    }

    @Test func absentMembersStayAbsent() throws {
        #expect(try decode("Action=Probe&Version=2020-01-01") == .object([:]))
    }

    @Test func unknownParametersAreIgnored() throws {
        let fields = try fields("Name=a&Nmae=b&Items.member.1.Color=red&Names.item.1=x&Nested.Unknown.Key=k&Name.Sub=c")
        #expect(fields == ["Name": .string("a"), "Items": .array([.object([:])]), "Nested": .object([:])])
    }

    @Test func listElementsFollowTheirIndexNotTheirOrderInTheBody() throws {
        let fields = try fields("Names.member.10=j&Names.member.2=b&Names.member.1=a")
        #expect(fields["Names"] == QueryProbe.strings("a", "b", "j"))
    }

    @Test func indexesThatAreNotPositiveDecimalsAreNotElements() throws {
        let fields = try fields("Names.member.0=zero&Names.member.01=padded&Names.member.x=x&Names.member.-1=neg&Names.member.1=a")
        #expect(fields["Names"] == QueryProbe.strings("a"))
    }

    @Test func hugeIndexOrdersWithoutAllocating() throws {
        let fields = try fields("Names.member.999999999=last&Names.member.1=first&Names.member.99999999999999999999=ignored")
        #expect(fields["Names"] == QueryProbe.strings("first", "last"))
    }

    @Test func elementListWinsOverAnEmptyMarker() throws {
        #expect(try fields("Names=&Names.member.1=a")["Names"] == QueryProbe.strings("a"))
    }

    @Test func emptyMapMarkerIsAnEmptyMap() throws {
        #expect(try fields("Attributes=")["Attributes"] == .object([:]))
    }

    @Test func namesDeeperThanAnyShapeAreIgnored() throws {
        let deep = Array(repeating: "a", count: 100_000).joined(separator: ".")
        #expect(try decode("Name=x&\(deep)=y") == .object(["Name": .string("x")]))
    }

    @Test(arguments: [
        ("Flag=yes", "Value 'yes' at 'flag' failed to satisfy constraint: Member must be a boolean (true or false)"),
        ("Flag=True", "Value 'True' at 'flag' failed to satisfy constraint: Member must be a boolean (true or false)"),
        ("Count=1.5", "Value '1.5' at 'count' failed to satisfy constraint: Member must be an integer"),
        ("Count=", "Value '' at 'count' failed to satisfy constraint: Member must be an integer"),
        ("Count=99999999999999999999", "Value '99999999999999999999' at 'count' failed to satisfy constraint: Member must be an integer"),
        ("Ratio=0x1p3", "Value '0x1p3' at 'ratio' failed to satisfy constraint: Member must be a number"),
        ("Ratio=inf", "Value 'inf' at 'ratio' failed to satisfy constraint: Member must be a number"),
        ("When=1795545600", "Value '1795545600' at 'when' failed to satisfy constraint: Member must be a timestamp in ISO 8601 form (yyyy-MM-ddTHH:mm:ssZ)"),
        ("Names=a", "Value 'a' at 'names' failed to satisfy constraint: Member must be a list"),
        ("Attributes=a", "Value 'a' at 'attributes' failed to satisfy constraint: Member must be a map"),
        ("Items.member.1.Values=v", "Value 'v' at 'items.1.member.values' failed to satisfy constraint: Member must be a list"),
        ("Nested.Groups.member.1.member.1.Labels.entry.1.key=k", "Value at 'nested.groups.1.member.1.member.labels' failed to satisfy constraint: Member must have a key and a value in every entry"),
    ])
    func wronglyTypedValueIsAValidationError(body: String, failure: String) {
        #expect(throws: AWSRequestError.validation("1 validation error detected: " + failure)) {
            try decode(body)
        }
    }

    @Test func nonNumericDoublesAreTheSmithySpellings() throws {
        #expect(try fields("Ratio=-Infinity")["Ratio"] == .number(-.infinity))
        guard case .number(let nan) = try fields("Ratio=NaN")["Ratio"] else { Issue.record("NaN did not decode"); return }
        #expect(nan.isNaN)
    }

    @Test func invalidBase64IsRefusedWithoutEchoingTheBlob() {
        #expect(throws: AWSRequestError.validation(
            "1 validation error detected: Value at 'data' failed to satisfy constraint: Member must be base64-encoded")) {
            try decode("Data=not*base64")
        }
    }

    @Test func sensitiveValuesAreNeverEchoed() {
        let schema: ShapeSchema = .structure([.init("Pin", .integer()), .init("Secret", ShapeSchema(kind: .integer, sensitive: true))])
        #expect(throws: AWSRequestError.validation(
            "1 validation error detected: Value at 'secret' failed to satisfy constraint: Member must be an integer")) {
            try decode("Pin=1&Secret=hunter2", as: schema)
        }
    }

    @Test func mapEntryWithoutKeyIsRefused() {
        #expect(throws: AWSRequestError.validation(
            "1 validation error detected: Value at 'attributes' failed to satisfy constraint: Member must have a key and a value in every entry")) {
            try decode("Attributes.entry.1.value=v")
        }
    }

    @Test func repeatedMapKeyIsRefused() {
        #expect(throws: AWSRequestError.validation(
            "1 validation error detected: Value 'k' at 'attributes' failed to satisfy constraint: Member must not repeat a key")) {
            try decode("Attributes.entry.1.key=k&Attributes.entry.1.value=a&Attributes.entry.2.key=k&Attributes.entry.2.value=b")
        }
    }
}
