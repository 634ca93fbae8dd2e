/// A compiled wildcard pattern in which each `*` and `?` is either a wildcard or a literal.
///
/// `PolicyWildcard` treats every `*` as a wildcard; the evaluator needs literals too, because
/// "`${*}`", "`${?}`" and "`${$}`" stand for the characters themselves where a wildcard would
/// otherwise apply (IAM policy elements: Variables and tags). Matching walks Unicode scalars with
/// the same single-backtrack algorithm as `PolicyWildcard` and allocates nothing.
struct PolicyPattern: Sendable, Equatable {
    enum Token: Sendable, Equatable {
        case scalar(Unicode.Scalar)
        case anyScalar
        case anyRun
    }

    var tokens: [Token]

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Every `*` and `?` in `text` is a wildcard.
    init(wildcards text: String) {
        tokens = text.unicodeScalars.map { scalar in
            switch scalar {
            case "*": .anyRun
            case "?": .anyScalar
            default: .scalar(scalar)
            }
        }
    }

    /// Whether all of `value` matches; both ends are anchored.
    func matches(_ value: Substring.UnicodeScalarView) -> Bool {
        var p = 0
        var v = value.startIndex
        var lastStar: Int?
        var resumeAt = value.startIndex
        while v != value.endIndex {
            if p < tokens.count, tokens[p] == .anyRun {
                lastStar = p
                resumeAt = v
                p += 1
            } else if p < tokens.count, Self.token(tokens[p], accepts: value[v]) {
                p += 1
                v = value.index(after: v)
            } else if let star = lastStar {
                resumeAt = value.index(after: resumeAt)
                v = resumeAt
                p = star + 1
            } else {
                return false
            }
        }
        while p < tokens.count, tokens[p] == .anyRun {
            p += 1
        }
        return p == tokens.count
    }

    func matches(_ value: String) -> Bool {
        matches(value[...].unicodeScalars)
    }

    private static func token(_ token: Token, accepts scalar: Unicode.Scalar) -> Bool {
        switch token {
        case .scalar(let expected): expected == scalar
        case .anyScalar: true
        case .anyRun: false
        }
    }
}

/// A pattern matched against an ARN one colon-separated field at a time.
///
/// "Matches each of the six colon-delimited components of the ARN separately and each can include
/// multi-character match wildcards (*) or single-character match wildcards (?)" (IAM JSON policy
/// elements: Condition operators, `ArnLike`). The last field keeps any further colons, so
/// `key/*` still matches a resource ID with `:` in it. A pattern that is not six fields long,
/// such as `*`, is matched against the whole value instead.
struct PolicyARNPattern: Sendable, Equatable {
    private var fields: [PolicyPattern]?
    private var whole: PolicyPattern

    init(_ pattern: PolicyPattern) {
        whole = pattern
        var fields: [PolicyPattern] = []
        var current: [PolicyPattern.Token] = []
        for token in pattern.tokens {
            if token == .scalar(":"), fields.count < 5 {
                fields.append(PolicyPattern(tokens: current))
                current = []
            } else {
                current.append(token)
            }
        }
        fields.append(PolicyPattern(tokens: current))
        self.fields = fields.count == 6 ? fields : nil
    }

    func matches(_ value: String) -> Bool {
        guard let fields else { return whole.matches(value) }
        let scalars = value[...].unicodeScalars
        var start = scalars.startIndex
        for (index, field) in fields.enumerated() {
            var end = scalars.endIndex
            if index < 5 {
                guard let colon = scalars[start...].firstIndex(of: ":") else { return false }
                end = colon
            }
            guard field.matches(scalars[start..<end]) else { return false }
            if index < 5 { start = scalars.index(after: end) }
        }
        return true
    }
}
