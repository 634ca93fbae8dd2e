/// One test of a statement's `Condition` element: an operator applied to a key and its values.
///
/// ```
/// <condition_block> = "Condition" : { <condition_map> }
/// <condition_map> = {
///   <condition_type_string> : { <condition_key_string> : <condition_value_list> }, ... }
/// <condition_value_list> = [<condition_value>, <condition_value>, ...]
/// <condition_value> = (<condition_value_string> | <condition_value_number> | <condition_value_Boolean>)
/// ```
/// (IAM JSON policy grammar). A statement's conditions all have to hold for it to apply.
public struct PolicyCondition: Sendable, Equatable {
    public var `operator`: PolicyConditionOperator
    /// The condition key as written, such as `kms:EncryptionContext:AppName` (matching ignores case).
    public var key: String
    /// The values as written; numbers and Booleans are kept as their JSON text (`true`, `1.5`).
    public var values: [String]

    public init(_ operator: PolicyConditionOperator, key: String, values: [String]) {
        self.operator = `operator`
        self.key = key
        self.values = values
    }
}

/// A condition operator name, split into its set qualifier, base operator and `IfExists` suffix.
///
/// `ForAllValues:StringEqualsIfExists` has qualifier `.forAllValues`, base `.stringEquals` and
/// `ifExists == true`. Names are matched case-sensitively.
public struct PolicyConditionOperator: Sendable, Hashable, CustomStringConvertible {
    public var qualifier: PolicyConditionSetQualifier?
    public var base: PolicyConditionBaseOperator
    /// "You can add IfExists to the end of any condition operator name except the Null condition"
    /// (IAM JSON policy elements: Condition operators).
    public var ifExists: Bool

    public init(_ base: PolicyConditionBaseOperator, qualifier: PolicyConditionSetQualifier? = nil, ifExists: Bool = false) {
        self.qualifier = qualifier
        self.base = base
        self.ifExists = ifExists
    }

    /// Parses an operator name such as `StringLike`, `BoolIfExists` or `ForAnyValue:StringEquals`.
    public init(parsing name: String) throws(PolicyDocumentError) {
        var rest = Substring(name)
        let qualifier = PolicyConditionSetQualifier.allCases.first { rest.hasPrefix($0.rawValue + ":") }
        if let qualifier {
            rest = rest.dropFirst(qualifier.rawValue.count + 1)
        }
        var ifExists = false
        if rest.hasSuffix(Self.ifExistsSuffix) {
            ifExists = true
            rest = rest.dropLast(Self.ifExistsSuffix.count)
        }
        guard let base = PolicyConditionBaseOperator(rawValue: String(rest)) else {
            throw .unknownConditionOperator(name)
        }
        if base == .null && ifExists {
            throw .nullWithIfExists
        }
        self.init(base, qualifier: qualifier, ifExists: ifExists)
    }

    /// The operator name as it is written in a policy.
    public var description: String {
        (qualifier.map { $0.rawValue + ":" } ?? "") + base.rawValue + (ifExists ? Self.ifExistsSuffix : "")
    }

    private static let ifExistsSuffix = "IfExists"
}

/// How a condition compares a multivalued key with the policy's values.
///
/// "ForAllValues – Tests whether the value of every member of the request set is a subset of the
/// condition key set." "ForAnyValue – Tests whether at least one member of the set of request
/// values matches at least one member of the set of condition key values." (IAM User Guide,
/// Creating a condition that tests multiple key values).
public enum PolicyConditionSetQualifier: String, Sendable, Hashable, CaseIterable {
    case forAllValues = "ForAllValues"
    case forAnyValue = "ForAnyValue"
}

/// The condition operators of the IAM policy language, without qualifier or `IfExists`.
public enum PolicyConditionBaseOperator: String, Sendable, Hashable, CaseIterable {
    case stringEquals = "StringEquals"
    case stringNotEquals = "StringNotEquals"
    case stringEqualsIgnoreCase = "StringEqualsIgnoreCase"
    case stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
    case stringLike = "StringLike"
    case stringNotLike = "StringNotLike"
    case numericEquals = "NumericEquals"
    case numericNotEquals = "NumericNotEquals"
    case numericLessThan = "NumericLessThan"
    case numericLessThanEquals = "NumericLessThanEquals"
    case numericGreaterThan = "NumericGreaterThan"
    case numericGreaterThanEquals = "NumericGreaterThanEquals"
    case dateEquals = "DateEquals"
    case dateNotEquals = "DateNotEquals"
    case dateLessThan = "DateLessThan"
    case dateLessThanEquals = "DateLessThanEquals"
    case dateGreaterThan = "DateGreaterThan"
    case dateGreaterThanEquals = "DateGreaterThanEquals"
    case bool = "Bool"
    case binaryEquals = "BinaryEquals"
    case ipAddress = "IpAddress"
    case notIpAddress = "NotIpAddress"
    case arnEquals = "ArnEquals"
    case arnLike = "ArnLike"
    case arnNotEquals = "ArnNotEquals"
    case arnNotLike = "ArnNotLike"
    case null = "Null"

    /// The kind of value the operator compares, which decides how the evaluator reads the values.
    public var family: PolicyConditionFamily {
        switch self {
        case .stringEquals, .stringNotEquals, .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase,
            .stringLike, .stringNotLike:
            .string
        case .numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals,
            .numericGreaterThan, .numericGreaterThanEquals:
            .numeric
        case .dateEquals, .dateNotEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan,
            .dateGreaterThanEquals:
            .date
        case .bool: .boolean
        case .binaryEquals: .binary
        case .ipAddress, .notIpAddress: .ipAddress
        case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike: .arn
        case .null: .null
        }
    }

    /// `true` for the operators that match when the request value does *not* match the policy value.
    public var isNegated: Bool {
        switch self {
        case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals,
            .dateNotEquals, .notIpAddress, .arnNotEquals, .arnNotLike:
            true
        default:
            false
        }
    }
}

/// The families of condition operators listed in "IAM JSON policy elements: Condition operators".
public enum PolicyConditionFamily: Sendable, Hashable, CaseIterable {
    case string, numeric, date, boolean, binary, ipAddress, arn, null
}
