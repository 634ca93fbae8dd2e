import Testing
@testable import AWSWire

@Suite struct HexTests {
    @Test func roundTripsAndRefusesWhatIsNotHex() {
        #expect(Hex.lowercase([0x00, 0xAB, 0xFF]) == "00abff")
        #expect(Hex.bytes("00abFF") == [0x00, 0xAB, 0xFF])
        #expect(Hex.bytes("") == [])
        #expect(Hex.bytes("abc") == nil)
        #expect(Hex.bytes("zz") == nil)
    }
}
