/// Match expressions: the one-member objects of a key's list, such as `{"prefix": "bas"}`.
///
/// The operators are those the Amazon SNS Developer Guide lists ("Amazon SNS currently supports the
/// following filter operators"); Event Ruler's others (`exactly`, `wildcard`) are refused as an
/// unrecognized match type, which is what SNS's rule compiler answers for a name it does not know.
extension RuleCompiler {
    mutating func parseMatchExpression() throws(FilterPolicyError) -> ValuePattern {
        guard reader.next() == .fieldName else { throw refuse("Match expression name not found") }
        let operatorName = reader.name
        switch operatorName {
        case "prefix":
            return .prefix(try stringOperand(of: operatorName))
        case "suffix":
            return .suffix(try stringOperand(of: operatorName))
        case "equals-ignore-case":
            return .equalsIgnoreCase(try stringOperand(of: operatorName))
        case "numeric":
            guard reader.next() == .startArray else { throw refuse("Value of numeric must be an array.") }
            let range = try parseNumericExpression()
            try expectEnd(orRefuse: Self.tooManyElements)
            return .numeric(range)
        case "anything-but":
            return .anythingBut(try parseAnythingBut())
        case "exists":
            let kind = reader.next()
            guard kind == .true || kind == .false else {
                throw refuse("exists match pattern must be either true or false.")
            }
            try expectEnd(orRefuse: Self.onlyOneKey)
            return .exists(kind == .true)
        case "cidr":
            // The wrong operator name is the rule compiler's own; SNS answers with it.
            guard reader.next() == .string else { throw refuse("prefix match pattern must be a string") }
            let range: IPRange
            do {
                range = try IPRange(cidr: reader.text())
            } catch {
                throw FilterPolicyError.rule(error.reason)
            }
            try expectEnd(orRefuse: Self.onlyOneKey)
            return .cidr(range)
        default:
            throw refuse("Unrecognized match type \(operatorName)")
        }
    }

    static let onlyOneKey = "Only one key allowed in match expression"
    /// The rule compiler's refusal for anything left after a `numeric` or `anything-but` operand.
    static let tooManyElements = "Too many elements in numeric expression"

    private mutating func stringOperand(of operatorName: String) throws(FilterPolicyError) -> String {
        guard reader.next() == .string else { throw refuse("\(operatorName) match pattern must be a string") }
        let operand = reader.text()
        try expectEnd(orRefuse: Self.onlyOneKey)
        return operand
    }

    private mutating func expectEnd(orRefuse reason: String) throws(FilterPolicyError) {
        guard reader.next() == .endObject else { throw refuse(reason) }
    }

    // MARK: numeric

    /// `["=", v]`, `[">", v]`, `[">=", v]`, `["<", v]`, `["<=", v]`, or a lower bound followed by an
    /// upper one: "`"price_usd": [{"numeric": [">", 0, "<=", 150]}]` … matches any message attribute
    /// or message body property with positive numbers up to and including 150" (Numeric value matching).
    private mutating func parseNumericExpression() throws(FilterPolicyError) -> NumericRange {
        guard reader.next() == .string else { throw refuse("Invalid member in numeric match: \(reader.text())") }
        let operation = reader.text()
        let operandKind = reader.next()
        switch operation {
        case "=":
            guard operandKind == .number else { throw refuse("Value of equals must be numeric") }
            let value = numberValue()
            try expectEndOfArray(orRefuse: Self.tooManyElements)
            let number = try comparable(value)
            return NumericRange(bottom: number, top: number)
        case ">", ">=":
            guard operandKind == .number else { throw refuse("Value of \(operation) must be numeric") }
            let bottom = numberValue()
            let next = reader.next()
            if next == .endArray { return try range(bottom, operation == ">", ComparableNumber.limit, false) }
            return try completeRange(next, bottom: bottom, bottomOpen: operation == ">")
        case "<", "<=":
            guard operandKind == .number else { throw refuse("Value of \(operation) must be numeric") }
            let top = numberValue()
            try expectEndOfArray(orRefuse: Self.tooManyElements)
            return try range(-ComparableNumber.limit, false, top, operation == "<")
        default:
            throw refuse("Unrecognized numeric range operator: \(operation)")
        }
    }

    private mutating func completeRange(_ kind: RuleToken.Kind?, bottom: Double,
                                        bottomOpen: Bool) throws(FilterPolicyError) -> NumericRange {
        guard kind == .string else { throw refuse("Bad value in numeric range: \(reader.text())") }
        let operation = reader.text()
        guard operation == "<" || operation == "<=" else { throw refuse("Bad numeric range operator: \(operation)") }
        guard reader.next() == .number else { throw refuse("Value of \(operation) must be numeric") }
        let top = numberValue()
        try expectEndOfArray(orRefuse: "Too many terms in numeric range expression")
        return try range(bottom, bottomOpen, top, operation == "<")
    }

    /// A range whose open side reaches the end of the comparable numbers, checked as the rule
    /// compiler checks one: order first, then each bound's magnitude.
    private func range(_ bottom: Double, _ bottomOpen: Bool, _ top: Double,
                       _ topOpen: Bool) throws(FilterPolicyError) -> NumericRange {
        guard bottom < top else { throw refuse("Bottom must be less than top") }
        let low = try comparable(bottom)
        let high = try comparable(top)
        return NumericRange(bottom: low, bottomOpen: bottomOpen, top: high, topOpen: topOpen)
    }

    private func comparable(_ value: Double) throws(FilterPolicyError) -> ComparableNumber {
        guard let number = ComparableNumber(value) else { throw refuse(ComparableNumber.outOfRange) }
        return number
    }

    private func numberValue() -> Double {
        Double(reader.token?.text ?? "") ?? .nan
    }

    private mutating func expectEndOfArray(orRefuse reason: String) throws(FilterPolicyError) {
        guard reader.next() == .endArray else { throw refuse(reason) }
    }

    // MARK: anything-but

    /// A string, a number, a list of strings or of numbers, or `{"prefix": …}`. SNS refuses the
    /// other forms Event Ruler has since gained: `{"anything-but": {"suffix": "test"}}` is answered
    /// "Unsupported anything-but pattern: suffix" (recorded in `test_sns_filter_policy.snapshot.json`).
    private mutating func parseAnythingBut() throws(FilterPolicyError) -> ValuePattern.Exclusion {
        let kind = reader.next()
        if kind == .startObject {
            guard reader.next() == .fieldName else { throw refuse("Anything-But expression name not found") }
            let operatorName = reader.name
            guard operatorName == "prefix" else { throw refuse("Unsupported anything-but pattern: \(operatorName)") }
            guard reader.next() == .string else { throw refuse("prefix match pattern must be a string") }
            let prefix = reader.text()
            if prefix.isEmpty { throw refuse("Null prefix not allowed") }
            try expectEnd(orRefuse: Self.onlyOneKey)
            try expectEnd(orRefuse: Self.onlyOneKey)
            return .prefix(prefix)
        }
        let exclusion: ValuePattern.Exclusion
        switch kind {
        case .startArray:
            exclusion = try parseAnythingButList()
        case .string:
            exclusion = .strings([reader.text()])
        case .number:
            // The rule compiler checks a single number outside its JSON reading: no location.
            guard let number = ComparableNumber(numberValue()) else {
                throw FilterPolicyError.rule(ComparableNumber.outOfRange)
            }
            exclusion = .numbers([number])
        default:
            throw refuse("Value of anything-but must be an array or single string/number value.")
        }
        try expectEnd(orRefuse: Self.tooManyElements)
        return exclusion
    }

    private mutating func parseAnythingButList() throws(FilterPolicyError) -> ValuePattern.Exclusion {
        var strings: [String] = []
        var numbers: [ComparableNumber] = []
        while let kind = reader.next(), kind != .endArray {
            switch kind {
            case .string:
                strings.append(reader.text())
            case .number:
                numbers.append(try comparable(numberValue()))
            default:
                throw refuse("Inside anything but list, start|null|boolean is not supported.")
            }
        }
        guard strings.isEmpty != numbers.isEmpty else {
            throw refuse("Inside anything but list, either all values are number or string, mixed type is not supported")
        }
        return strings.isEmpty ? .numbers(numbers) : .strings(strings)
    }
}
