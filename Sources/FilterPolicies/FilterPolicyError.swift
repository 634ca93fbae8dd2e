/// Why SNS refuses a filter policy, worded as SNS words it.
///
/// SNS answers `InvalidParameter` (HTTP 400). `message` is what follows `Invalid parameter: ` in
/// SetSubscriptionAttributes' answer, such as `FilterPolicy: Filter policy is too complex`;
/// Subscribe, which carries the policy among its `Attributes`, puts `Attributes Reason: ` between
/// the two (`Invalid parameter: Attributes Reason: FilterPolicy: …`), as recorded in
/// `test_sns_filter_policy.snapshot.json`.
///
/// Refusals of the rule compiler end with Jackson's location, `\n at [Source: (String)"…"; line: 1,
/// column: N]`, quoting the policy as SNS re-serialized it; refusals of the first JSON reading
/// quote no text (`[Source: REDACTED (…); …]`). Both are part of the recorded messages.
public struct FilterPolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }

    /// "A filter policy can have a maximum of five keys" (Filter policy constraints).
    static let maximumKeys = 5
    /// "The total combination of values in a filter policy must not exceed 150" (Filter policy constraints).
    static let maximumCombinations = 150
    /// Jackson's `JsonLocation.MAX_CONTENT_SNIPPET`: longer sources are cut and the rest counted.
    static let maximumQuotedSource = 500

    /// The policy is not JSON.
    static func unreadable(_ error: JSONSyntaxError) -> FilterPolicyError {
        let reason = "FilterPolicy: failed to parse JSON. \(error.reason)"
        guard let (line, column) = error.location else { return FilterPolicyError(message: reason) }
        return FilterPolicyError(message: reason + "\n at [Source: \(JSONSyntaxError.redactedSource); line: \(line), "
                                 + "column: \(column)]")
    }

    /// The rule compiler's refusal at the reader's position.
    static func rule(_ reason: String, at reader: RuleReader) -> FilterPolicyError {
        let units = Array(reader.sourceText.utf16)
        var quoted = "\"" + String(decoding: units.prefix(maximumQuotedSource), as: UTF16.self) + "\""
        if units.count > maximumQuotedSource {
            quoted += "[truncated \(units.count - maximumQuotedSource) chars]"
        }
        return FilterPolicyError(message: "FilterPolicy: \(reason)\n at [Source: (String)\(quoted); line: 1, "
                                 + "column: \(reader.column)]")
    }

    /// A refusal raised outside the JSON reading (CIDR syntax), which carries no location.
    static func rule(_ reason: String) -> FilterPolicyError {
        FilterPolicyError(message: "FilterPolicy: \(reason)")
    }

    static let nestedInAttributesScope = FilterPolicyError(
        message: "Filter policy scope \(FilterPolicyScope.messageAttributes.rawValue) does not support nested filter policy")

    static let tooManyKeys = FilterPolicyError(
        message: "FilterPolicy: Filter policy can not have more than \(maximumKeys) keys")

    static let tooComplex = FilterPolicyError(message: "FilterPolicy: Filter policy is too complex")
}
