/// A message attribute as a `MessageAttributes`-scope policy sees it.
///
/// "Amazon SNS compares policy attributes only to message attributes that have the following data
/// types: String, String.Array, Number"; "Amazon SNS ignores message attributes with the Binary data
/// type" (Amazon SNS Developer Guide, Filter policy constraints).
public enum FilterAttribute: Sendable, Equatable {
    /// `String`, or `String.` with a custom label: compared as a string.
    case string(String)
    /// `Number`, or `Number.` with a custom label: the value as published, compared as a number
    /// ("`"price_usd": {"Type": "Number", "Value": 3.015e2}`" matches `["=", 301.5]`) and by its text.
    case number(String)
    /// `String.Array`: the value as published, a JSON array. "For String.Array type attributes,
    /// each element in the array is treated as a separate string for matching purposes" (String
    /// value matching); an element that is a number, `true`, `false` or `null` is compared as one.
    case stringArray(String)
    /// `Binary`: ignored, as if the message did not have the attribute.
    case binary

    /// Classifies a published attribute by its `DataType`, custom labels included.
    public init(dataType: String, stringValue: String?) {
        let base = dataType.split(separator: ".", maxSplits: 1).first ?? Substring(dataType)
        switch base {
        case _ where dataType == "String.Array": self = .stringArray(stringValue ?? "[]")
        case "Number": self = .number(stringValue ?? "")
        case "Binary": self = .binary
        default: self = .string(stringValue ?? "")
        }
    }

    /// The values the attribute offers to the policy; `nil` for an ignored attribute. The elements
    /// of a `String.Array` that is not a JSON array, and elements that are arrays or objects, offer
    /// nothing.
    var values: [EventValue]? {
        switch self {
        case .string(let string): return [.string(string)]
        case .number(let text): return [.number(text)]
        case .binary: return nil
        case .stringArray(let json):
            var parser = PolicyJSONParser(json)
            guard case .array(let items)? = try? parser.parseWholeDocument() else { return [] }
            return items.compactMap(EventValue.init)
        }
    }
}
