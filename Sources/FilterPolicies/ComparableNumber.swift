/// A number as filter policies compare numbers.
///
/// "For numeric matching, the value can range from -10⁹ to 10⁹ (-1 billion to 1 billion), with
/// five digits of accuracy after the decimal point" (Amazon SNS Developer Guide, Filter policy
/// constraints).
///
/// Numbers are compared as whole multiples of 10⁻⁵, so `301.5` and `3.015e2` are equal and so are
/// `1.000001` and `1.000002`. A number outside the range has no comparable form: it never matches a
/// `numeric` condition, and a policy that names one in a condition is refused.
struct ComparableNumber: Sendable, Hashable, Comparable {
    static let limit = 1e9
    static let scale = 1e5

    /// `(value + 10⁹) × 10⁵`, rounded: non-negative and exact in a `Double` (below 2⁵³).
    private let key: Int64

    init?(_ value: Double) {
        guard value.isFinite, abs(value) <= Self.limit else { return nil }
        key = Int64(((value + Self.limit) * Self.scale).rounded())
    }

    init?(text: String) {
        guard let value = Double(text) else { return nil }
        self.init(value)
    }

    static func < (lhs: ComparableNumber, rhs: ComparableNumber) -> Bool { lhs.key < rhs.key }

    /// The refusal for a number outside the range, worded as the rule compiler words it, with
    /// the bounds in Java's notation (`-1.0E9`).
    static let outOfRange = "Value must be between \(JavaDouble.string(-limit)) and \(JavaDouble.string(limit)), inclusive"
}
