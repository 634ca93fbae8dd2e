import Testing
@testable import KeyManagement

@Suite("CBORReader")
struct CBORReaderTests {
    func expectMalformed(_ bytes: [UInt8], limits: CBORReader.Limits = .init(), sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: AttestationError(.malformedCBOR, ""), sourceLocation: sourceLocation) {
            try CBORReader.decode(bytes, limits: limits)
        }
    }

    @Test func decodesRFC8949AppendixAExamples() throws {
        #expect(try CBORReader.decode([0x00]) == .unsigned(0))
        #expect(try CBORReader.decode([0x18, 0x64]) == .unsigned(100))
        #expect(try CBORReader.decode([0x1B, 0, 0, 0, 0xE8, 0xD4, 0xA5, 0x10, 0x00]) == .unsigned(1_000_000_000_000))
        #expect(try CBORReader.decode([0x38, 0x63]) == .negative(99))  // -100
        #expect(try CBORReader.decode([0x44, 1, 2, 3, 4]) == .bytes([1, 2, 3, 4]))
        #expect(try CBORReader.decode([0x62, 0xC3, 0xBC]) == .text("ü"))
        #expect(try CBORReader.decode([0x83, 1, 0x82, 2, 3, 0x82, 4, 5])
            == .array([.unsigned(1), .array([.unsigned(2), .unsigned(3)]), .array([.unsigned(4), .unsigned(5)])]))
        #expect(try CBORReader.decode([0xA1, 0x01, 0x02]) == .map([CBORMapEntry(key: .unsigned(1), value: .unsigned(2))]))
        #expect(try CBORReader.decode([0xF4]) == .bool(false))
        #expect(try CBORReader.decode([0xF6]) == .null)
        #expect(try CBORReader.decode([0xD2, 0x40]) == .tagged(18, .bytes([])))
    }

    @Test func writerRoundTripsThroughReader() throws {
        let value = CBORValue.map([
            CBORMapEntry(key: .text("a"), value: .array([.unsigned(0), .unsigned(23), .unsigned(24), .unsigned(0x1_0000_0000)])),
            CBORMapEntry(key: .negative(34), value: .bytes(Array(repeating: 7, count: 300))),
        ])
        #expect(try CBORReader.decode(CBORWriter.encode(value)) == value)
    }

    @Test func int64ReadsES384AsMinus35() {
        #expect(CBORValue.negative(34).int64 == -35)
        #expect(CBORValue.unsigned(UInt64.max).int64 == nil)
    }

    @Test func rejectsTrailingBytesAndTruncation() {
        expectMalformed([0x01, 0x01])
        expectMalformed([0x44, 1, 2, 3])
        expectMalformed([0x19, 0x01])
        expectMalformed([0x82, 0x01])
        expectMalformed([])
    }

    @Test func rejectsIndefiniteLengths() {
        expectMalformed([0x5F, 0x41, 0x01, 0xFF])  // bytes
        expectMalformed([0x7F, 0x61, 0x61, 0xFF])  // text
        expectMalformed([0x9F, 0x01, 0xFF])  // array, not allowed by default
        expectMalformed([0xBF, 0x01, 0x02, 0xFF])  // map, not allowed by default
        expectMalformed([0xFF])  // lone break
    }

    @Test func indefiniteContainersNeedTheOptionAndABreak() throws {
        var limits = CBORReader.Limits()
        limits.allowsIndefiniteLengthContainers = true
        #expect(try CBORReader.decode([0x9F, 0x01, 0xFF], limits: limits) == .array([.unsigned(1)]))
        expectMalformed([0x9F, 0x01], limits: limits)
        expectMalformed([0x5F, 0x41, 0x01, 0xFF], limits: limits)
        expectMalformed([0xBF, 0x01, 0xFF], limits: limits)  // key without value
    }

    @Test func rejectsNonPreferredArguments() {
        expectMalformed([0x18, 0x17])
        expectMalformed([0x19, 0x00, 0xFF])
        expectMalformed([0x58, 0x01, 0xAA])
    }

    @Test func rejectsReservedInfoFloatsAndOtherSimpleValues() {
        expectMalformed([0x1C])
        expectMalformed([0x1F])
        expectMalformed([0xF9, 0x3C, 0x00])  // half-precision 1.0
        expectMalformed([0xF7])  // undefined
        expectMalformed([0xF8, 0x20])  // simple(32)
    }

    @Test func rejectsDuplicateMapKeysAndInvalidUTF8() {
        expectMalformed([0xA2, 0x01, 0x02, 0x01, 0x03])
        expectMalformed([0x62, 0xC3, 0x28])
    }

    @Test func rejectsLengthsBeyondTheInputWithoutAllocating() {
        expectMalformed([0x5B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        expectMalformed([0x9B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
    }

    @Test func enforcesDepthCountAndInputLimits() {
        let limits = CBORReader.Limits(maximumInputLength: 8, maximumDepth: 3, maximumContainerCount: 2)
        expectMalformed([0x81, 0x81, 0x81, 0x01], limits: limits)
        expectMalformed([0x83, 0x01, 0x02, 0x03], limits: limits)
        expectMalformed(Array(repeating: 0x00, count: 9), limits: limits)
        #expect(throws: Never.self) { try CBORReader.decode([0x81, 0x81, 0x01], limits: limits) }
    }
}
