import AccessPolicy
import Testing

/// `PolicyWildcard.matches`: `*` is any run of characters, `?` exactly one, both ends anchored.
@Suite struct PolicyWildcardTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var pattern: String
        var value: String
        var caseInsensitive = false
        var matches: Bool
        var testDescription: String {
            "\"\(pattern)\" \(matches ? "matches" : "does not match") \"\(value)\"\(caseInsensitive ? " ignoring case" : "")"
        }
    }

    static let cases: [Case] = [
        // Empty pattern and empty value.
        Case(pattern: "", value: "", matches: true),
        Case(pattern: "", value: "a", matches: false),
        Case(pattern: "a", value: "", matches: false),
        Case(pattern: "?", value: "", matches: false),
        // Only stars.
        Case(pattern: "*", value: "", matches: true),
        Case(pattern: "*", value: "kms:Encrypt", matches: true),
        Case(pattern: "**", value: "", matches: true),
        Case(pattern: "***", value: "anything at all", matches: true),
        // Literals are anchored at both ends.
        Case(pattern: "kms:Encrypt", value: "kms:Encrypt", matches: true),
        Case(pattern: "kms:Encrypt", value: "kms:EncryptX", matches: false),
        Case(pattern: "kms:Encrypt", value: "Xkms:Encrypt", matches: false),
        Case(pattern: "kms:Encrypt", value: "kms:Encryp", matches: false),
        // `?` is exactly one character.
        Case(pattern: "kms:?ncrypt", value: "kms:Encrypt", matches: true),
        Case(pattern: "kms:??crypt", value: "kms:Encrypt", matches: true),
        Case(pattern: "kms:???crypt", value: "kms:Encrypt", matches: false),
        Case(pattern: "???", value: "ab", matches: false),
        Case(pattern: "?", value: "é", matches: true),
        // Trailing, leading and inner stars.
        Case(pattern: "kms:ReEncrypt*", value: "kms:ReEncryptFrom", matches: true),
        Case(pattern: "kms:ReEncrypt*", value: "kms:ReEncrypt", matches: true),
        Case(pattern: "kms:ReEncrypt*", value: "kms:Encrypt", matches: false),
        Case(pattern: "*Key", value: "kms:DescribeKey", matches: true),
        Case(pattern: "*Key", value: "kms:DescribeKeys", matches: false),
        Case(pattern: "kms:*Key*", value: "kms:GetKeyPolicy", matches: true),
        Case(pattern: "arn:aws:kms:*:111122223333:key/*", value: "arn:aws:kms:us-west-2:111122223333:key/1234abcd", matches: true),
        Case(pattern: "arn:aws:kms:*:111122223333:key/*", value: "arn:aws:kms:us-west-2:444455556666:key/1234abcd", matches: false),
        // Adjacent stars, and stars next to `?`.
        Case(pattern: "kms:**Key", value: "kms:DescribeKey", matches: true),
        Case(pattern: "a**b", value: "ab", matches: true),
        Case(pattern: "a*?b", value: "ab", matches: false),
        Case(pattern: "a*?b", value: "axb", matches: true),
        Case(pattern: "a?*b", value: "axyzb", matches: true),
        // Backtracking: the star has to give back what a later literal needs.
        Case(pattern: "*ab", value: "aab", matches: true),
        Case(pattern: "a*b*c", value: "abbbc", matches: true),
        Case(pattern: "a*b*c", value: "acb", matches: false),
        Case(pattern: "*a*a*a", value: "aa", matches: false),
        Case(pattern: "*.amazonaws.com", value: "ec2.us-west-2.amazonaws.com", matches: true),
        // Wildcards in the value are plain characters.
        Case(pattern: "kms:Encrypt", value: "kms:*", matches: false),
        Case(pattern: "kms:\\*", value: "kms:\\Encrypt", matches: true),
        // Case: exact by default, folded when asked (actions).
        Case(pattern: "kms:encrypt", value: "kms:Encrypt", matches: false),
        Case(pattern: "kms:encrypt", value: "kms:Encrypt", caseInsensitive: true, matches: true),
        Case(pattern: "KMS:reencrypt*", value: "kms:ReEncryptTo", caseInsensitive: true, matches: true),
        Case(pattern: "kms:Get?eyPolicy", value: "KMS:GETKEYPOLICY", caseInsensitive: true, matches: true),
        Case(pattern: "kms:Decrypt", value: "kms:Encrypt", caseInsensitive: true, matches: false),
    ]

    @Test(arguments: cases)
    func wildcardPatternMatchesExactlyTheValuesItDescribes(_ testCase: Case) {
        #expect(
            PolicyWildcard.matches(pattern: testCase.pattern, value: testCase.value, caseInsensitive: testCase.caseInsensitive)
                == testCase.matches
        )
    }

    @Test func tableHasMoreThanThirtyCasesWithBothOutcomes() {
        #expect(Self.cases.count > 30)
        #expect(Self.cases.contains { $0.matches })
        #expect(Self.cases.contains { !$0.matches })
    }

    @Test(.timeLimit(.minutes(1)))
    func pathologicalPatternFinishesWithoutExponentialBacktracking() {
        let pattern = String(repeating: "*a", count: 2_000) + "*b"
        let value = String(repeating: "a", count: 8_000)
        #expect(PolicyWildcard.matches(pattern: pattern, value: value) == false)
        #expect(PolicyWildcard.matches(pattern: pattern, value: value + "b"))
    }
}
