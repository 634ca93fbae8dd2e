/// The limits SNS puts on a policy the rule compiler accepted (Amazon SNS Developer Guide, Filter
/// policy constraints), checked in this order.
enum PolicyConstraints {
    static func check(_ document: PolicyJSON, scope: FilterPolicyScope) throws(FilterPolicyError) {
        guard case .object(let members) = document else { return }
        // "Attribute-based filtering: No nested keys – Only supports top-level keys (nesting is not allowed)."
        if scope == .messageAttributes && containsNestedKey(members) {
            throw FilterPolicyError.nestedInAttributesScope
        }
        // "You can have up to five top-level keys (also called parent keys) in a filter policy";
        // "In payload-based filtering, only the top-level keys are counted toward this limit." An
        // `$or` counts as one key.
        if members.count > FilterPolicyError.maximumKeys {
            throw FilterPolicyError.tooManyKeys
        }
        if combinations(members, depth: 1, carried: 1) > FilterPolicyError.maximumCombinations {
            throw FilterPolicyError.tooComplex
        }
    }

    private static func containsNestedKey(_ members: [PolicyJSON.Member]) -> Bool {
        members.contains { member in
            switch member.value {
            case .object: return member.key != RuleCompiler.or
            case .array(let alternatives) where member.key == RuleCompiler.or:
                return alternatives.contains { alternative in
                    if case .object(let inner) = alternative { return containsNestedKey(inner) }
                    return false
                }
            default: return false
            }
        }
    }

    /// "The total combination of values in a filter policy must not exceed 150. To calculate the
    /// total combination, multiply the number of values in each array in the filter policy", each
    /// by how deep its key is nested: `{"key_a": {"key_b": {"key_c": [four values]}}, "key_d":
    /// {"key_e": [three values]}, "key_f": [three values]}` counts 3 × 4 × 2 × 3 × 1 × 3 = 216
    /// (AWS refuses it: `sub-filter-policy-nested-error-too-many-combinations`). The alternatives of
    /// an `$or` add up, each multiplied by what the rest of the policy contributes: 4 sources with
    /// `$or` of 6 metric names or 4 metric types × (4 metric ids or 4 space ids) counts
    /// 4 × 6 + 4 × 4 × 4 + 4 × 4 × 4 = 152, refused (`error-complexity-or-flat`).
    private static func combinations(_ members: [PolicyJSON.Member], depth: Int, carried: Int) -> Int {
        var total = carried
        for member in members {
            switch member.value {
            case .array(let alternatives) where member.key == RuleCompiler.or:
                var sum = 0
                for case .object(let inner) in alternatives {
                    sum = min(sum + combinations(inner, depth: depth, carried: total), ceiling)
                }
                total = sum
            case .object(let inner):
                total = combinations(inner, depth: depth + 1, carried: total)
            case .array(let values):
                total = product(product(total, values.count), depth)
            default:
                continue
            }
        }
        return total
    }

    /// Large enough to stay above any limit, small enough that two of them add without overflow.
    private static let ceiling = 1 << 40

    private static func product(_ lhs: Int, _ rhs: Int) -> Int {
        let (result, overflow) = lhs.multipliedReportingOverflow(by: rhs)
        return overflow ? ceiling : min(result, ceiling)
    }
}
