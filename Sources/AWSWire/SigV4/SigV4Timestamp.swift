import Foundation

/// A SigV4 request time in ISO 8601 basic format, `yyyyMMdd'T'HHmmss'Z'` (UTC).
///
/// "The time stamp must be in UTC and in the following ISO 8601 format:
/// YYYYMMDD'T'HHMMSS'Z'. For example, 20150830T123600Z is a valid time stamp.
/// Do not include milliseconds in the time stamp." (Handling dates in SigV4)
struct SigV4Timestamp {
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
            (1...12).contains(month), day >= 1, day <= Self.daysInMonth(year: year, month: month),
            hour < 24, minute < 60, second < 60
        else { return nil }
        self.text = text
        let days = Int64(Self.daysFromCivil(year: year, month: month, day: day))
        self.seconds = days * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
    }

    /// Formats whole seconds since 1970 as `yyyyMMdd'T'HHmmss'Z'`.
    static func format(seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        let (year, month, day) = civilFromDays(Int(days))
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T"
            + pad(rest / 3_600, 2) + pad(rest / 60 % 60, 2) + pad(rest % 60, 2) + "Z"
    }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysFromCivil`.
    private static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
