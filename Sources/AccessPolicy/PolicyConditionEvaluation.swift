/// A `PolicyCondition` prepared for evaluation: its key lowercased and its values parsed once.
///
/// Rules, from "IAM JSON policy elements: Condition operators" unless noted:
/// - "If the key that you specify in a policy condition is not present in the request context,
///   the values do not match and the condition is false. If the policy condition requires that the
///   key is not matched, such as `StringNotLike` or `ArnNotLike`, and the right key is not present,
///   the condition is true."
/// - `…IfExists`: "If the policy key is present in the context of the request, process the key as
///   specified in the policy. If the key is not present, evaluate the condition element as true."
/// - Several values for one key are OR'ed; for a negated operator the request value must match
///   none of them (IAM JSON policy elements: Condition, "Creating a condition with multiple keys or
///   values").
/// - `ForAllValues`: "It also returns true if there are no context keys in the request."
///   `ForAnyValue`: "For no matching context key or if the key does not exist, the condition
///   returns false." (IAM User Guide, Single-valued vs. multivalued context keys). With a negated
///   operator the negation applies to each request value.
/// - A multivalued request key under an operator without a set qualifier is treated as matching
///   when any of its values matches (and, for a negated operator, when none does).
/// - An empty set in the request context counts as a missing key.
struct PolicyConditionEvaluator: Sendable, Equatable {
    private enum Operand: Sendable, Equatable {
        case string(PolicyValueMatcher)
        case number(Double)
        case date(Double)
        case bytes([UInt8])
        case network(PolicyNetwork)
        /// `Null`: `true` means "the key must be missing".
        case null(mustBeMissing: Bool)
        /// A value that cannot be read for its operator: it matches no request value.
        case unreadable
    }

    private let base: PolicyConditionBaseOperator
    private let qualifier: PolicyConditionSetQualifier?
    private let ifExists: Bool
    private let key: String
    private let operands: [Operand]

    init(_ condition: PolicyCondition, variables: Bool) {
        base = condition.operator.base
        qualifier = condition.operator.qualifier
        ifExists = condition.operator.ifExists
        key = condition.key.lowercased()
        let base = base
        operands = condition.values.map { Self.operand($0, for: base, variables: variables) }
    }

    private static func operand(_ text: String, for base: PolicyConditionBaseOperator, variables: Bool) -> Operand {
        switch base.family {
        case .string:
            let comparison: PolicyStringComparison =
                switch base {
                case .stringLike, .stringNotLike: .wildcard
                case .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase: .ignoringCase
                default: .exact
                }
            return .string(PolicyValueMatcher(text, comparison: comparison, variables: variables))
        case .numeric:
            guard let number = Double(text), number.isFinite else { return .unreadable }
            return .number(number)
        case .date:
            return PolicyTimestamp.epochSeconds(text).map(Operand.date) ?? .unreadable
        case .boolean:
            return .string(PolicyValueMatcher(text, comparison: .ignoringCase, variables: variables))
        case .binary:
            return PolicyBase64.decode(text).map(Operand.bytes) ?? .unreadable
        case .ipAddress:
            return PolicyNetwork(cidr: text).map(Operand.network) ?? .unreadable
        case .arn:
            return .string(PolicyValueMatcher(text, comparison: .arn, variables: variables))
        case .null:
            switch text.lowercased() {
            case "true": return .null(mustBeMissing: true)
            case "false": return .null(mustBeMissing: false)
            default: return .unreadable
            }
        }
    }

    /// Whether the condition holds for the request's condition keys.
    func holds(in context: PolicyConditionContext) -> Bool {
        let value = context.values(forLowercasedKey: key)
        if base == .null {
            let isMissing = value == nil
            return operands.contains { operand in
                if case .null(let mustBeMissing) = operand { mustBeMissing == isMissing } else { false }
            }
        }
        guard let value else {
            if ifExists { return true }
            switch qualifier {
            case .forAllValues: return true
            case .forAnyValue: return false
            case nil: return base.isNegated
            }
        }
        let negated = base.isNegated
        switch (qualifier, value) {
        case (nil, .single(let single)):
            return matchesAnyOperand(single, context) != negated
        case (nil, .set(let values)):
            return values.contains { matchesAnyOperand($0, context) } != negated
        case (.forAllValues, _):
            return value.values.allSatisfy { matchesAnyOperand($0, context) != negated }
        case (.forAnyValue, _):
            return value.values.contains { matchesAnyOperand($0, context) != negated }
        }
    }

    /// The positive test: whether `request` matches at least one policy value, reading a negated
    /// operator as its positive counterpart (`StringNotEquals` as `StringEquals`, …).
    private func matchesAnyOperand(_ request: String, _ context: PolicyConditionContext) -> Bool {
        switch base.family {
        case .numeric:
            guard let number = Double(request), number.isFinite else { return false }
            return operands.contains { if case .number(let p) = $0 { compare(number, p) } else { false } }
        case .date:
            guard let seconds = PolicyTimestamp.epochSeconds(request) else { return false }
            return operands.contains { if case .date(let p) = $0 { compare(seconds, p) } else { false } }
        case .binary:
            guard let bytes = PolicyBase64.decode(request) else { return false }
            return operands.contains { $0 == .bytes(bytes) }
        case .ipAddress:
            guard let address = PolicyNetwork(cidr: request), address.prefixLength == (address.isIPv6 ? 128 : 32)
            else { return false }
            return operands.contains { if case .network(let n) = $0 { n.contains(address) } else { false } }
        case .string, .boolean, .arn:
            return operands.contains { if case .string(let m) = $0 { m.matches(request, in: context) } else { false } }
        case .null:
            return false
        }
    }

    /// `request` compared with the policy value `policy` by the operator's relation.
    private func compare(_ request: Double, _ policy: Double) -> Bool {
        switch base {
        case .numericLessThan, .dateLessThan: request < policy
        case .numericLessThanEquals, .dateLessThanEquals: request <= policy
        case .numericGreaterThan, .dateGreaterThan: request > policy
        case .numericGreaterThanEquals, .dateGreaterThanEquals: request >= policy
        default: request == policy  // the Equals operators and their negations
        }
    }
}
