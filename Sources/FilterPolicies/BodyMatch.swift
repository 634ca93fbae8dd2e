/// One policy branch matched against a message body.
///
/// Each key must be satisfied by one value found at its path. Values inside arrays must agree on
/// the array element they come from: Event Ruler, which SNS filters with, "will refuse to recognize
/// any match in which any two fields are within JSON objects that are in different elements of the
/// same array" (Event Ruler, JSON Array Matching). AWS delivers a body whose first record has both
/// `eventName: ObjectCreated:Put` and an `auto-` key for `{"Records": {"s3": {"object": {"key":
/// [{"prefix": "auto-"}]}}, "eventName": [{"prefix": "ObjectCreated:"}]}}`, arrays of arrays
/// included (recorded in `test_filter_policy_on_message_body_array_of_object_attributes`).
///
/// The body is walked once per branch, only down the paths the branch names. For each subtree the
/// walk computes which sets of keys it can satisfy together: an object combines its members' sets,
/// an array offers each element's sets as alternatives.
struct BodyMatch {
    private let body: PolicyJSON
    /// The keys that must be satisfied by a value, and whether the branch can hold at all.
    private var bound: [PolicyKey] = []
    private var satisfiable = true
    /// Paths are compared by their bytes, as Event Ruler compares them, not by Unicode equivalence.
    private var keyIndex: [[UInt8]: Int] = [:]
    /// Every path a key path continues from, `a` and `a.b` for `a.b.c`.
    private var prefixes: Set<[UInt8]> = []

    init(branch: PolicyBranch, body: PolicyJSON) {
        self.body = body
        let absencePaths = branch.keys.filter { $0.patterns.contains(.exists(false)) }.map { Array($0.path.utf8) }
        let present = absencePaths.isEmpty ? [] : Self.presentPaths(in: body, among: absencePaths)
        for key in branch.keys {
            let absenceAllowed = key.patterns.contains(.exists(false))
            if absenceAllowed && !present.contains(Array(key.path.utf8)) { continue }
            let patterns = key.patterns.filter { $0 != .exists(false) }
            if patterns.isEmpty { satisfiable = false }
            let path = Array(key.path.utf8)
            keyIndex[path] = bound.count
            bound.append(PolicyKey(path: key.path, patterns: patterns))
            for (offset, byte) in path.enumerated() where byte == dot {
                prefixes.insert(Array(path[..<offset]))
            }
        }
    }

    var holds: Bool {
        guard satisfiable else { return false }
        // With nothing to find, the branch holds on absences alone, which needs a body that has
        // at least one value, as attributes need at least one attribute.
        guard !bound.isEmpty else { return Self.hasValue(body) }
        let everyKey = KeySet(count: bound.count, filled: true)
        var path: [UInt8] = []
        return reach(body, path: &path, atRoot: true).contains(everyKey)
    }

    /// The largest sets of keys the subtree at `path` can satisfy together. `path` is a buffer the
    /// walk extends and restores, so that no path is allocated per member.
    private func reach(_ node: PolicyJSON, path: inout [UInt8], atRoot: Bool = false) -> [KeySet] {
        switch node {
        case .object(let members):
            var combined = [KeySet(count: bound.count)]
            let parent = path.count
            for member in members {
                Self.extend(&path, member.key, afterDot: !atRoot)
                defer { path.removeSubrange(parent...) }
                guard keyIndex[path] != nil || prefixes.contains(path) else { continue }
                let child = reach(member.value, path: &path)
                guard !child.isEmpty else { continue }
                if combined.count == 1 && child.count == 1 {
                    combined = [combined[0].union(child[0])]
                } else {
                    combined = Self.largest(combined.flatMap { held in child.map { held.union($0) } })
                }
            }
            return combined.filter { !$0.isEmpty }
        case .array(let elements):
            var alternatives: [KeySet] = []
            for element in elements { alternatives += reach(element, path: &path) }
            return Self.largest(alternatives)
        default:
            guard let position = keyIndex[path], let value = EventValue(node),
                  bound[position].patterns.contains(where: { $0.accepts(value) }) else { return [] }
            return [KeySet(count: bound.count, member: position)]
        }
    }

    private static func largest(_ sets: [KeySet]) -> [KeySet] {
        guard sets.count > 1 else { return sets }
        let distinct = Array(Set(sets))
        return distinct.filter { set in !distinct.contains { $0 != set && $0.isSuperset(of: set) } }
    }

    /// The key paths at which the body has a present value ("non-null and non-empty", Key matching).
    private static func presentPaths(in body: PolicyJSON, among paths: [[UInt8]]) -> Set<[UInt8]> {
        var prefixes: Set<[UInt8]> = []
        for path in paths {
            for (offset, byte) in path.enumerated() where byte == dot { prefixes.insert(Array(path[..<offset])) }
        }
        var found: Set<[UInt8]> = []
        var path: [UInt8] = []
        func walk(_ node: PolicyJSON, atRoot: Bool = false) {
            switch node {
            case .object(let members):
                let parent = path.count
                for member in members {
                    extend(&path, member.key, afterDot: !atRoot)
                    defer { path.removeSubrange(parent...) }
                    if paths.contains(path) || prefixes.contains(path) { walk(member.value) }
                }
            case .array(let elements):
                for element in elements { walk(element) }
            default:
                if paths.contains(path), EventValue(node)?.isPresent == true { found.insert(path) }
            }
        }
        walk(body, atRoot: true)
        return found
    }

    /// Extends a path with a member's key; members of the body itself have no dot before them.
    private static func extend(_ path: inout [UInt8], _ key: String, afterDot: Bool) {
        if afterDot { path.append(dot) }
        path.append(contentsOf: key.utf8)
    }

    private static func hasValue(_ node: PolicyJSON) -> Bool {
        switch node {
        case .object(let members): members.contains { hasValue($0.value) }
        case .array(let elements): elements.contains(where: hasValue)
        default: true
        }
    }
}

private let dot = UInt8(ascii: ".")

/// A set of a branch's keys, by position: one word inline, more only for branches of over 64 keys.
struct KeySet: Hashable {
    private var low: UInt64 = 0
    private var high: [UInt64] = []

    init(count: Int, filled: Bool = false) {
        high = Array(repeating: 0, count: max(0, (count - 1) / 64))
        if filled {
            for position in 0..<count { insert(position) }
        }
    }

    init(count: Int, member: Int) {
        self.init(count: count)
        insert(member)
    }

    private mutating func insert(_ position: Int) {
        let bit = UInt64(1) << UInt64(position % 64)
        if position < 64 { low |= bit } else { high[position / 64 - 1] |= bit }
    }

    var isEmpty: Bool { low == 0 && high.allSatisfy { $0 == 0 } }

    func union(_ other: KeySet) -> KeySet {
        var result = self
        result.low |= other.low
        for position in high.indices { result.high[position] |= other.high[position] }
        return result
    }

    func isSuperset(of other: KeySet) -> Bool {
        low & other.low == other.low && zip(high, other.high).allSatisfy { $0 & $1 == $1 }
    }
}
