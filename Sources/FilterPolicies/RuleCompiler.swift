/// One way a message can satisfy a policy: every key of the branch must match. A policy without
/// `$or` has one branch; "You can use the $or operator to explicitly define OR logic" between keys,
/// and each alternative becomes a branch of its own (Amazon SNS Developer Guide, AND/OR logic).
struct PolicyBranch: Sendable, Equatable {
    private(set) var keys: [PolicyKey] = []

    /// A key named again in the same branch replaces the earlier entry, as the rule compiler's
    /// map does (`{"a.b": […], "a": {"b": […]}}` names `a.b` twice).
    mutating func set(_ path: String, _ patterns: [ValuePattern]) {
        if let position = keys.firstIndex(where: { $0.path.utf8.elementsEqual(path.utf8) }) {
            keys[position].patterns = patterns
        } else {
            keys.append(PolicyKey(path: path, patterns: patterns))
        }
    }
}

/// A policy key and its list. Nested keys are joined with `.`, as the rule compiler joins them, so
/// `{"a": {"b": […]}}` and `{"a.b": […]}` are the same key.
struct PolicyKey: Sendable, Equatable {
    var path: String
    var patterns: [ValuePattern]
}

/// Compiles the canonical policy text the way SNS's rule compiler (AWS's Event Ruler) does, in one
/// streaming pass, so that the first refusal and its column are the ones SNS gives.
struct RuleCompiler {
    var reader: RuleReader

    static func compile(_ text: CanonicalPolicyText) throws(FilterPolicyError) -> [PolicyBranch] {
        var compiler = RuleCompiler(reader: RuleReader(text))
        guard compiler.reader.next() == .startObject else { throw compiler.refuse("Filter is not an object") }
        var branches: [PolicyBranch] = []
        try compiler.parseObject(into: &branches, path: [], insideOr: false)
        return branches
    }

    /// The keyword that makes the objects of the following array alternatives.
    static let or = "$or"

    /// Names the rule compiler keeps for operators, refused as keys inside `$or`.
    static let reservedInOr: Set<String> = [
        "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr",
        "=", "<", "<=", ">", ">=", "regex", "not-wildcard", "not-equals-ignore-case", "date-after",
        "date-on-or-after", "date-before", "date-on-or-before", "in-date-range", "ip-address-in-range",
        "ip-address-not-in-range",
    ]

    private mutating func parseObject(into branches: inout [PolicyBranch], path: [String],
                                      insideOr: Bool) throws(FilterPolicyError) {
        var membersSeen = false
        while let kind = reader.next(), kind != .endObject {
            membersSeen = true
            let step = reader.name
            if step == Self.or {
                try parseOr(into: &branches, path: path)
                continue
            }
            if insideOr && Self.reservedInOr.contains(step) {
                throw refuse("\(step) is Ruler reserved fieldName which cannot be used inside \(Self.or).")
            }
            switch reader.next() {
            case .startObject:
                try parseObject(into: &branches, path: path + [step], insideOr: insideOr)
            case .startArray:
                let patterns = try parseList()
                if branches.isEmpty { branches.append(PolicyBranch()) }
                let name = (path + [step]).joined(separator: ".")
                for position in branches.indices { branches[position].set(name, patterns) }
            default:
                throw refuse("\"\(step)\" must be an object or an array")
            }
        }
        if !membersSeen { throw refuse("Empty objects are not allowed") }
    }

    /// Every branch so far is continued once per object of the array.
    private mutating func parseOr(into branches: inout [PolicyBranch], path: [String]) throws(FilterPolicyError) {
        let before = branches
        branches = []
        guard reader.next() == .startArray else { throw refuse("It must be an Array followed with \(Self.or).") }
        var alternatives = 0
        while let kind = reader.next(), kind != .endArray {
            alternatives += 1
            guard kind == .startObject else {
                throw refuse("Only JSON object is allowed in array of \(Self.or) relationship.")
            }
            var continued = before.isEmpty ? [PolicyBranch()] : before
            try parseObject(into: &continued, path: path, insideOr: true)
            branches += continued
        }
        if alternatives < 2 { throw refuse("There must have at least 2 Objects in \(Self.or) relationship.") }
    }

    /// A key's list: strings, numbers, `true`, `false`, `null` and match expressions.
    private mutating func parseList() throws(FilterPolicyError) -> [ValuePattern] {
        var patterns: [ValuePattern] = []
        while let kind = reader.next(), kind != .endArray {
            switch kind {
            case .startObject:
                patterns.append(try parseMatchExpression())
            case .string:
                let string = reader.text()
                patterns.append(.exactString(string, address: IPAddress(string)))
            case .number:
                let text = reader.text()
                patterns.append(.exactNumber(text: text, value: ComparableNumber(text: text)))
            case .true: patterns.append(.literal(.true))
            case .false: patterns.append(.literal(.false))
            case .null: patterns.append(.literal(.null))
            default:
                throw refuse("Match value must be String, number, true, false, or null")
            }
        }
        if patterns.isEmpty { throw refuse("Empty arrays are not allowed") }
        return patterns
    }

    /// A refusal at the reader's current column.
    func refuse(_ reason: String) -> FilterPolicyError {
        FilterPolicyError.rule(reason, at: reader)
    }
}
