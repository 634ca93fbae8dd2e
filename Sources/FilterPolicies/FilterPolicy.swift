/// What a subscription's filter policy is matched against, its `FilterPolicyScope` attribute.
///
/// "MessageAttributes – The filter policy is applied to the message attributes. This is the default.
/// MessageBody – The filter policy is applied to the message body." (Amazon SNS Developer Guide,
/// Amazon SNS subscription filter policy scope)
public enum FilterPolicyScope: String, Sendable, CaseIterable {
    case messageAttributes = "MessageAttributes"
    case messageBody = "MessageBody"
}

/// A subscription filter policy, validated as SNS validates the `FilterPolicy` attribute of
/// Subscribe and SetSubscriptionAttributes.
///
/// "A subscription accepts a message under the following conditions: When the filter policy scope
/// is set to MessageAttributes, each property name in the filter policy matches a message attribute
/// name. For each matching property name in the filter policy, at least one property value matches
/// the message attribute value. When the filter policy scope is set to MessageBody, each property
/// name in the filter policy matches a message body property name. For each matching property name
/// in the filter policy, at least one property value matches the message body property value."
/// (Amazon SNS Developer Guide, Amazon SNS subscription filter policies)
///
/// Validation follows SNS step by step, because each step has its own wording: the text is read as
/// JSON, written back compactly, compiled by SNS's rule compiler (Event Ruler), then held to the
/// limits in ``FilterPolicyError``'s constants. An empty `FilterPolicy` value, which removes the
/// policy, is the caller's to handle.
public struct FilterPolicy: Sendable, Equatable {
    public let scope: FilterPolicyScope
    /// The alternatives `$or` spells out; a policy without `$or` has one.
    let branches: [PolicyBranch]

    public init(json: String, scope: FilterPolicyScope) throws(FilterPolicyError) {
        var parser = PolicyJSONParser(json)
        let document: PolicyJSON
        do {
            document = try parser.parseDocument()
        } catch {
            throw FilterPolicyError.unreadable(error)
        }
        branches = try RuleCompiler.compile(CanonicalPolicyText(document))
        try PolicyConstraints.check(document, scope: scope)
        self.scope = scope
    }

    /// Whether a message with these attributes passes a `MessageAttributes`-scope policy.
    ///
    /// "`"exists": false` only matches if at least one attribute is present. An empty set of
    /// attributes results in the filter not matching" (Key matching); `Binary` attributes do not
    /// count.
    public func matches(attributes: [String: FilterAttribute]) -> Bool {
        // Names are compared by their bytes, not by Unicode equivalence.
        var offered: [[UInt8]: [EventValue]] = [:]
        for (name, attribute) in attributes {
            if let values = attribute.values { offered[Array(name.utf8)] = values }
        }
        guard !offered.isEmpty else { return false }
        return branches.contains { branch in
            branch.keys.allSatisfy { $0.accepts(offered[Array($0.path.utf8)]) }
        }
    }

    /// Whether a message with this body passes a `MessageBody`-scope policy.
    ///
    /// "Filter policies for the message body assume that the message payload is a well-formed JSON
    /// object" (Amazon SNS message filtering): any other body never matches. A policy key names a
    /// property by its path, nested objects and dots alike (`{"a": {"b": …}}` and `{"a.b": …}` both
    /// name `a.b` in `{"a": {"b": …}}` and in `{"a.b": …}`, as AWS matched them in
    /// `test_filter_policy_on_message_body_dot_attribute`); an array in the body offers each of its
    /// elements.
    public func matches(body: String) -> Bool {
        var parser = PolicyJSONParser(body)
        guard let document = try? parser.parseWholeDocument(), case .object = document else { return false }
        return branches.contains { BodyMatch(branch: $0, body: document).holds }
    }
}

extension PolicyKey {
    /// Whether an attribute's values satisfy this key: one value accepted by one entry is enough,
    /// `anything-but` included ("it matches the following message attribute (because it contains
    /// a value that isn't rugby or tennis): `{"Type": "String.Array", "Value": "[\"rugby\",
    /// \"baseball\"]"}`", String value matching). `nil` values are an absent attribute.
    func accepts(_ values: [EventValue]?) -> Bool {
        let present = values?.contains(where: \.isPresent) ?? false
        return patterns.contains { pattern in
            if case .exists(let required) = pattern { return required == present }
            return values?.contains(where: pattern.accepts) ?? false
        }
    }
}
