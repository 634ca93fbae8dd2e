/// The `date-time` timestamps of the AWS query protocol and its XML responses (RFC 3339, UTC).
///
/// "This protocol uses `date-time` as the default serialization" (Smithy, AWS query protocol);
/// `date-time` is "Date time as defined by the date-time production in RFC 3339 section 5.6 with
/// no UTC offset and optional fractional precision (for example, `1985-04-12T23:20:50.52Z`)"
/// (Smithy, `timestampFormat` trait). Values are seconds since 1970, as ``JSONValue`` carries
/// AWS JSON timestamps, so a query request decodes to the same value an AWS JSON one does.
enum AWSDateTime {
    /// The instants a four-digit year can name: 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z.
    static let representable: ClosedRange<Double> = -62_167_219_200 ... 253_402_300_799.999

    /// Seconds since 1970 of `yyyy-MM-ddTHH:mm:ss[.f+](Z|±hh:mm)`, or nil for anything else.
    ///
    /// Offsets other than `Z` are accepted as RFC 3339 allows them; so are lower-case `t` and `z`.
    static func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        // The shortest form is `yyyy-MM-ddTHH:mm:ssZ`: 20 bytes. Check before reading fixed offsets.
        guard bytes.count >= 20, bytes.count <= 64,
            bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = number(bytes, 0..<4), let month = number(bytes, 5..<7), let day = number(bytes, 8..<10),
            let hour = number(bytes, 11..<13), let minute = number(bytes, 14..<16), let second = number(bytes, 17..<19),
            (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            // Nanoseconds are the finest digits kept; later ones cannot change a Double's seconds.
            index += 1
            var numerator = 0
            var denominator = 1
            let start = index
            while index < bytes.count, let digit = digit(bytes[index]) {
                if index - start < 9 {
                    numerator = numerator * 10 + digit
                    denominator *= 10
                }
                index += 1
            }
            guard index > start else { return nil }
            fraction = Double(numerator) / Double(denominator)
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard bytes.count - index == 6, bytes[index + 3] == UInt8(ascii: ":"),
                let hours = number(bytes, index + 1 ..< index + 3), let minutes = number(bytes, index + 4 ..< index + 6),
                hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 3_600 + minutes * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        default:
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset
        return Double(seconds) + fraction
    }

    /// `yyyy-MM-ddTHH:mm:ssZ`, with `.SSS` milliseconds only when the instant has them, as IAM and
    /// STS write timestamps; nil for an instant outside years 0000–9999.
    static func format(_ seconds: Double) -> String? {
        guard seconds.isFinite else { return nil }
        let milliseconds = (seconds * 1_000).rounded()
        guard representable.contains(milliseconds / 1_000) else { return nil }
        let total = Int64(milliseconds)
        let wholeSeconds = total >= 0 ? total / 1_000 : (total - 999) / 1_000
        let millis = Int(total - wholeSeconds * 1_000)
        let days = wholeSeconds >= 0 ? wholeSeconds / 86_400 : (wholeSeconds - 86_399) / 86_400
        let rest = Int(wholeSeconds - days * 86_400)
        let (year, month, day) = civilFromDays(Int(days))
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
            + pad(rest / 3_600, 2) + ":" + pad(rest / 60 % 60, 2) + ":" + pad(rest % 60, 2)
        if millis != 0 { text += "." + pad(millis, 3) }
        return text + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func number(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        var value = 0
        for offset in range {
            guard let digit = digit(bytes[offset]) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysFromCivil` (H. Hinnant's `civil_from_days`).
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
