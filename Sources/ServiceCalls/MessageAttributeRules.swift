/// The rules SQS and SNS share for message attributes: the data types and the numbers a `Number`
/// attribute may carry ("Message attribute data types", Amazon SQS and Amazon SNS developer
/// guides).
public enum MessageAttributeRules {
    /// `String`, `Number` or `Binary` for a data type such as `Number.float`; nil for any other.
    public static func baseType(_ dataType: String) -> String? {
        guard dataType.utf8.count <= 256 else { return nil }
        let base = dataType.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard ["String", "Number", "Binary"].contains(base) else { return nil }
        // A custom type has something after its period.
        if dataType.count > base.count, dataType.count == base.count + 1 { return nil }
        return String(base)
    }

    /// "Number – Number attributes can store positive or negative numerical values. A number can
    /// have up to 38 digits of precision, and it can be between 10^-128 and 10^+126." Decimal
    /// text only: an optional sign, digits with an optional fraction, an optional exponent — no
    /// hexadecimal, infinities or NaN.
    public static func isNumber(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        func skipSign() {
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        }
        func digits() -> ArraySlice<UInt8> {
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return bytes[start..<index]
        }
        skipSign()
        let integer = digits()
        var fraction: ArraySlice<UInt8> = []
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fraction = digits()
        }
        guard !integer.isEmpty || !fraction.isEmpty else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            skipSign()
            guard !digits().isEmpty else { return false }
        }
        guard index == bytes.count else { return false }
        // Precision: the significant digits, leading zeros aside.
        let significant = (Array(integer) + Array(fraction)).drop { $0 == UInt8(ascii: "0") }
        guard significant.count <= 38, let value = Double(text), value.isFinite else { return false }
        let magnitude = abs(value)
        return magnitude == 0 || (magnitude >= 1e-128 && magnitude <= 1e126)
    }
}
