/// The `date-time` timestamps of the AWS query protocol and its XML responses (RFC 3339, UTC).
///
/// "This protocol uses `date-time` as the default serialization" (Smithy, AWS query protocol);
/// `date-time` is "Date time as defined by the date-time production in RFC 3339 section 5.6 with
/// no UTC offset and optional fractional precision (for example, `1985-04-12T23:20:50.52Z`)"
/// (Smithy, `timestampFormat` trait). Values are seconds since 1970, as ``JSONValue`` carries
/// AWS JSON timestamps, so a query request decodes to the same value an AWS JSON one does.
public enum AWSDateTime {
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
            (1...12).contains(month), day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month),
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
        let days = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset
        return Double(seconds) + fraction
    }

    /// `yyyy-MM-ddTHH:mm:ssZ`, with `.SSS` milliseconds only when the instant has them, as IAM and
    /// STS write timestamps; nil for an instant outside years 0000–9999.
    public static func format(_ seconds: Double) -> String? {
        guard seconds.isFinite else { return nil }
        let milliseconds = (seconds * 1_000).rounded()
        guard representable.contains(milliseconds / 1_000) else { return nil }
        let total = Int64(milliseconds)
        let wholeSeconds = total >= 0 ? total / 1_000 : (total - 999) / 1_000
        let millis = Int(total - wholeSeconds * 1_000)
        let days = wholeSeconds >= 0 ? wholeSeconds / 86_400 : (wholeSeconds - 86_399) / 86_400
        let rest = Int(wholeSeconds - days * 86_400)
        let (year, month, day) = CivilCalendar.civilFromDays(Int(days))
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
}
