/// A policy value that may hold policy variables such as `${aws:username}`, split up once.
///
/// "When the policy is evaluated, the policy variables are replaced with values that come from the
/// conditional context keys passed in the request." "You can use policy variables in the
/// `Resource` element and in string comparisons in the `Condition` element." Variables work only
/// with "Version": "2012-10-17"; "in earlier versions … variables are treated as literal strings"
/// (IAM policy elements: Variables and tags). `${*}`, `${?}` and `${$}` stand for those characters
/// and are never wildcards; a default is written `${aws:PrincipalTag/team, 'company-wide'}`.
/// A variable whose key is missing (or multivalued) and has no default leaves the value unresolved,
/// and an unresolved value matches nothing. Substituted text is literal: a `*` in a user name is
/// not a wildcard.
struct PolicyTemplate: Sendable, Equatable {
    enum Part: Sendable, Equatable {
        /// Policy text, in which `*` and `?` are wildcards for the operators that use them.
        case text(String)
        /// A character written as `${*}`, `${?}` or `${$}`.
        case literal(Unicode.Scalar)
        /// A context key, lowercased, with its optional default.
        case variable(key: String, defaultValue: String?)
    }

    var parts: [Part]

    /// Whether any part depends on the request context.
    var hasVariables: Bool {
        parts.contains { if case .variable = $0 { true } else { false } }
    }

    /// Splits `text`; with `variables == false` (a 2008-10-17 policy) the text is kept as written.
    init(_ text: String, variables: Bool) {
        guard variables, text.contains("${") else {
            parts = [.text(text)]
            return
        }
        var parts: [Part] = []
        var rest = text[...]
        while let open = rest.firstRange(of: "${"), let close = rest[open.upperBound...].firstIndex(of: "}") {
            if open.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<open.lowerBound]))) }
            parts.append(Self.part(rest[open.upperBound..<close], written: rest[open.lowerBound...close]))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    private static func part(_ body: Substring, written: Substring) -> Part {
        switch body {
        case "*": return .literal("*")
        case "?": return .literal("?")
        case "$": return .literal("$")
        default: break
        }
        guard let comma = body.firstIndex(of: ",") else {
            return .variable(key: body.trimmingSpaces.lowercased(), defaultValue: nil)
        }
        let key = body[..<comma].trimmingSpaces.lowercased()
        let fallback = body[body.index(after: comma)...].trimmingSpaces
        guard fallback.count >= 2, fallback.first == "'", fallback.last == "'" else {
            return .text(String(written))
        }
        return .variable(key: key, defaultValue: String(fallback.dropFirst().dropLast()))
    }

    /// The text with every variable replaced, or `nil` when one cannot be resolved.
    func resolvedText(in context: PolicyConditionContext) -> String? {
        var result = ""
        for part in parts {
            switch part {
            case .text(let text): result += text
            case .literal(let scalar): result.unicodeScalars.append(scalar)
            case .variable(let key, let defaultValue):
                guard let value = context.values(forLowercasedKey: key)?.singleValue ?? defaultValue else { return nil }
                result += value
            }
        }
        return result
    }

    /// The wildcard pattern with every variable replaced, or `nil` when one cannot be resolved.
    func resolvedPattern(in context: PolicyConditionContext) -> PolicyPattern? {
        var tokens: [PolicyPattern.Token] = []
        for part in parts {
            switch part {
            case .text(let text):
                tokens += PolicyPattern(wildcards: text).tokens
            case .literal(let scalar):
                tokens.append(.scalar(scalar))
            case .variable(let key, let defaultValue):
                guard let value = context.values(forLowercasedKey: key)?.singleValue ?? defaultValue else { return nil }
                tokens += value.unicodeScalars.map(PolicyPattern.Token.scalar)
            }
        }
        return PolicyPattern(tokens: tokens)
    }
}

/// How a string value from the policy is compared with one from the request.
enum PolicyStringComparison: Sendable, Equatable {
    /// `StringEquals`, `Bool`: "Exact matching, case sensitive".
    case exact
    /// `StringEqualsIgnoreCase`, and `Bool` values, which ignore case.
    case ignoringCase
    /// `StringLike`: "Case-sensitive matching. The values can include multi-character match
    /// wildcards (*) and single-character match wildcards (?) anywhere in the string."
    case wildcard
    /// `ArnLike`, `ArnEquals`, and the `Resource` element: field by field, with wildcards.
    case arn
}

/// One policy value, prepared for one kind of comparison; fully compiled when it has no variables.
struct PolicyValueMatcher: Sendable, Equatable {
    private enum Prepared: Sendable, Equatable {
        case text(String)
        case pattern(PolicyPattern)
        case arn(PolicyARNPattern)
    }

    private let comparison: PolicyStringComparison
    private let template: PolicyTemplate
    private let prepared: Prepared?

    init(_ text: String, comparison: PolicyStringComparison, variables: Bool) {
        self.comparison = comparison
        template = PolicyTemplate(text, variables: variables)
        prepared = template.hasVariables ? nil : Self.prepare(template, comparison, PolicyConditionContext())
    }

    func matches(_ value: String, in context: PolicyConditionContext) -> Bool {
        guard let prepared = prepared ?? Self.prepare(template, comparison, context) else { return false }
        switch prepared {
        case .text(let expected):
            return comparison == .ignoringCase ? value.lowercased() == expected : value == expected
        case .pattern(let pattern):
            return pattern.matches(value)
        case .arn(let pattern):
            return pattern.matches(value)
        }
    }

    private static func prepare(
        _ template: PolicyTemplate,
        _ comparison: PolicyStringComparison,
        _ context: PolicyConditionContext
    ) -> Prepared? {
        switch comparison {
        case .exact: template.resolvedText(in: context).map(Prepared.text)
        case .ignoringCase: template.resolvedText(in: context).map { .text($0.lowercased()) }
        case .wildcard: template.resolvedPattern(in: context).map(Prepared.pattern)
        case .arn: template.resolvedPattern(in: context).map { .arn(PolicyARNPattern($0)) }
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
