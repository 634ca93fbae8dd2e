import Foundation

/// A SigV4 request time in ISO 8601 basic format, `yyyyMMdd'T'HHmmss'Z'` (UTC).
///
/// "The time stamp must be in UTC and in the following ISO 8601 format:
/// YYYYMMDD'T'HHMMSS'Z'. For example, 20150830T123600Z is a valid time stamp.
/// Do not include milliseconds in the time stamp." (Handling dates in SigV4)
struct SigV4Timestamp: Sendable {
    /// The timestamp exactly as received; it is what the string to sign carries.
    var text: String
    /// Seconds since 1970-01-01T00:00:00Z.
    var seconds: Int64

    /// The `YYYYMMDD` part the credential scope must repeat.
    var day: Substring { text.prefix(8) }

    var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    /// Parses `text`, or returns nil unless it is exactly `yyyyMMdd'T'HHmmss'Z'` and a real instant.
    init?(_ text: String) {
        let bytes = text.utf8
        func byte(_ offset: Int) -> UInt8 { bytes[bytes.index(bytes.startIndex, offsetBy: offset)] }
        guard bytes.count == 16, byte(8) == UInt8(ascii: "T"), byte(15) == UInt8(ascii: "Z") else {
            return nil
        }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for offset in range {
                let digit = byte(offset)
                guard digit >= 0x30, digit <= 0x39 else { return nil }
                value = value * 10 + Int(digit - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
            (1...12).contains(month), day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month),
            hour < 24, minute < 60, second < 60
        else { return nil }
        self.text = text
        let days = Int64(CivilCalendar.daysFromCivil(year: year, month: month, day: day))
        self.seconds = days * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
    }

    /// Formats whole seconds since 1970 as `yyyyMMdd'T'HHmmss'Z'`.
    static func format(seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        let (year, month, day) = CivilCalendar.civilFromDays(Int(days))
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T"
            + pad(rest / 3_600, 2) + pad(rest / 60 % 60, 2) + pad(rest % 60, 2) + "Z"
    }
}
