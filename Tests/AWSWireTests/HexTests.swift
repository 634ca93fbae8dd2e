import Foundation
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

@Suite struct RandomUUIDTests {
    @Test func sixteenBytesMakeAVersionFourUUID() {
        let text = RandomUUID.lowercase([UInt8](repeating: 0xFF, count: 16))
        #expect(text == "ffffffff-ffff-4fff-bfff-ffffffffffff")
        #expect(RandomUUID.lowercase([UInt8](repeating: 0, count: 16)) == "00000000-0000-4000-8000-000000000000")
        // Foundation reads it back as the same UUID.
        #expect(UUID(uuidString: text)?.uuidString.lowercased() == text)
    }
}
