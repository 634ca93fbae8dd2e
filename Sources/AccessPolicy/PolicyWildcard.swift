/// Glob matching with the two wildcards of the policy language, `*` and `?`.
///
/// "You can use wildcard characters (`*` and `?`) within any ARN segment … An asterisk (`*`)
/// represents any combination of zero or more characters, and a question mark (`?`) represents
/// any single character." (IAM JSON policy elements: Resource). There is no escape: a `*` in the
/// pattern is always a wildcard. Characters are Unicode scalars.
public enum PolicyWildcard {
    /// Whether `value` matches all of `pattern`; both ends are anchored.
    ///
    /// Actions are compared with `caseInsensitive: true`, because "action names are case
    /// insensitive" (IAM JSON policy elements: Action); resources and `StringLike` values are not.
    /// Runs without recursion in O(|pattern| × |value|) time at worst and linear time typically:
    /// only the most recent `*` is ever backtracked to, which is enough because an earlier `*`
    /// can only match what a later one could also absorb.
    public static func matches(pattern: String, value: String, caseInsensitive: Bool = false) -> Bool {
        let pattern = Array((caseInsensitive ? pattern.lowercased() : pattern).unicodeScalars)
        let value = Array((caseInsensitive ? value.lowercased() : value).unicodeScalars)

        var p = 0
        var v = 0
        var lastStar: Int?  // index in `pattern` of the `*` to fall back to
        var resumeAt = 0  // index in `value` that star currently stops before

        while v < value.count {
            if p < pattern.count, pattern[p] == "*" {
                lastStar = p
                resumeAt = v
                p += 1
            } else if p < pattern.count, pattern[p] == "?" || pattern[p] == value[v] {
                p += 1
                v += 1
            } else if let star = lastStar {
                // Let the last star swallow one more character and retry the rest of the pattern.
                resumeAt += 1
                v = resumeAt
                p = star + 1
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" {
            p += 1
        }
        return p == pattern.count
    }
}
