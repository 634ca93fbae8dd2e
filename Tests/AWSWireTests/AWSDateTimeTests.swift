import Testing
@testable import AWSWire

@Suite struct AWSDateTimeTests {
    @Test(arguments: [
        ("2026-11-24T18:40:00Z", 1_795_545_600.0),
        ("2026-11-24T18:40:00.5Z", 1_795_545_600.5),
        ("2026-11-24t18:40:00z", 1_795_545_600.0),
        ("2026-11-24T20:40:00+02:00", 1_795_545_600.0),
        ("2026-11-24T17:10:00-01:30", 1_795_545_600.0),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59Z", -1),
        ("2024-02-29T00:00:00Z", 1_709_164_800),
        ("0000-01-01T00:00:00Z", -62_167_219_200),
    ])
    func parsesRFC3339DateTimes(text: String, seconds: Double) {
        #expect(AWSDateTime.parse(text) == seconds)
    }

    @Test func keepsMicrosecondsAsBotocoreSendsThem() throws {
        let seconds = try #require(AWSDateTime.parse("2026-11-24T18:40:00.123456Z"))
        #expect(abs(seconds - 1_795_545_600.123456) < 1e-6)
    }

    @Test(arguments: [
        "2026-11-24", "2026-11-24T18:40:00", "2026-11-24 18:40:00Z", "2026-11-24T18:40Z",
        "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z", "2026-11-24T24:00:00Z",
        "2026-11-24T18:60:00Z", "2026-11-24T18:40:60Z", "2026-11-24T18:40:00.Z", "2026-11-24T18:40:00+0200",
        "2026-11-24T18:40:00Z ", "+2026-11-24T18:40:00Z", "1795545600", "",
    ])
    func refusesAnythingElse(text: String) {
        #expect(AWSDateTime.parse(text) == nil)
    }

    @Test func formatsWholeSecondsWithoutFraction() {
        #expect(AWSDateTime.format(1_795_545_600) == "2026-11-24T18:40:00Z")
    }

    @Test func formatsMillisecondsWhenPresent() {
        #expect(AWSDateTime.format(1_795_545_600.25) == "2026-11-24T18:40:00.250Z")
        #expect(AWSDateTime.format(1_795_545_600.0004) == "2026-11-24T18:40:00Z")
        #expect(AWSDateTime.format(-0.5) == "1969-12-31T23:59:59.500Z")
    }

    @Test func refusesInstantsOutsideFourDigitYears() {
        #expect(AWSDateTime.format(253_402_300_800) == nil)
        #expect(AWSDateTime.format(-62_167_219_201) == nil)
        #expect(AWSDateTime.format(.nan) == nil)
        #expect(AWSDateTime.format(253_402_300_799) == "9999-12-31T23:59:59Z")
    }

    @Test func formatAndParseRoundTrip() {
        for seconds in stride(from: -3_000_000_000.0, through: 9_000_000_000.0, by: 864_001.125) {
            #expect(AWSDateTime.format(seconds).flatMap(AWSDateTime.parse) == seconds)
        }
    }
}
