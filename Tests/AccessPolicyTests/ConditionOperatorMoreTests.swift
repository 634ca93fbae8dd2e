import AccessPolicy
import Testing

/// Binary, IP address, ARN and Null operators, `IfExists`, set qualifiers and policy variables.
@Suite struct ConditionOperatorMoreTests {
    static let ip = "aws:SourceIp"
    static let arn = "aws:PrincipalArn"
    static let keys = "kms:EncryptionContextKeys"
    static let owner = "kms:EncryptionContext:owner"

    static let binaries: [ConditionCase] = [
        .init("same bytes", "BinaryEquals", "test:blob", #""QmluYXJ5VmFsdWVJbkJhc2U2NA==""#, ["test:blob": "QmluYXJ5VmFsdWVJbkJhc2U2NA=="], true),
        .init("other bytes", "BinaryEquals", "test:blob", #""QmluYXJ5VmFsdWVJbkJhc2U2NA==""#, ["test:blob": "QmluYXJ5"], false),
        .init("unpadded request is not Base64", "BinaryEquals", "test:blob", #""AAE=""#, ["test:blob": "AAE"], false),
        .init("missing key", "BinaryEquals", "test:blob", #""AAE=""#, [:], false),
    ]

    static let addresses: [ConditionCase] = [
        .init("inside /24", "IpAddress", ip, #""203.0.113.0/24""#, [ip: "203.0.113.7"], true),
        .init("last address of /24", "IpAddress", ip, #""203.0.113.0/24""#, [ip: "203.0.113.255"], true),
        .init("just below /24", "IpAddress", ip, #""203.0.113.0/24""#, [ip: "203.0.112.255"], false),
        .init("just above /24", "IpAddress", ip, #""203.0.113.0/24""#, [ip: "203.0.114.0"], false),
        .init("bare address is /32", "IpAddress", ip, #""203.0.113.5""#, [ip: "203.0.113.5"], true),
        .init("bare address excludes neighbour", "IpAddress", ip, #""203.0.113.5""#, [ip: "203.0.113.6"], false),
        .init("/0 holds every IPv4 address", "IpAddress", ip, #""0.0.0.0/0""#, [ip: "198.51.100.1"], true),
        .init("/0 IPv4 holds no IPv6 address", "IpAddress", ip, #""0.0.0.0/0""#, [ip: "2001:db8::1"], false),
        .init("inside IPv6 /64", "IpAddress", ip, #""2001:DB8:1234:5678::/64""#, [ip: "2001:db8:1234:5678:abcd::1"], true),
        .init("outside IPv6 /64", "IpAddress", ip, #""2001:DB8:1234:5678::/64""#, [ip: "2001:db8:1234:5679::1"], false),
        .init("IPv6 loopback /128", "IpAddress", ip, #""::1""#, [ip: "0:0:0:0:0:0:0:1"], true),
        .init("IPv4-mapped IPv6 is not IPv4", "IpAddress", ip, #""203.0.113.0/24""#, [ip: "::ffff:203.0.113.7"], false),
        .init("second range matches (OR)", "IpAddress", ip, #"["10.0.0.0/8", "192.168.0.0/16"]"#, [ip: "192.168.1.1"], true),
        .init("malformed request address", "IpAddress", ip, #""0.0.0.0/0""#, [ip: "300.1.1.1"], false),
        .init("prefix too long never matches", "IpAddress", ip, #""203.0.113.0/33""#, [ip: "203.0.113.0"], false),
        .init("outside the range", "NotIpAddress", ip, #""203.0.113.0/24""#, [ip: "198.51.100.1"], true),
        .init("inside the range", "NotIpAddress", ip, #""203.0.113.0/24""#, [ip: "203.0.113.1"], false),
        .init("missing key is true", "NotIpAddress", ip, #""203.0.113.0/24""#, [:], true),
    ]

    static let arns: [ConditionCase] = [
        .init("wildcards per field", "ArnLike", arn, #""arn:aws:iam::*:role/Admin*""#, [arn: "arn:aws:iam::111122223333:role/AdminTeam"], true),
        .init("resource field differs", "ArnLike", arn, #""arn:aws:iam::*:role/Admin*""#, [arn: "arn:aws:iam::111122223333:role/Dev"], false),
        .init("star does not cross a field", "ArnLike", arn, #""arn:aws:kms:*:111122223333:key/k1""#, [arn: "arn:aws:kms:us-west-2:x:111122223333:key/k1"], false),
        .init("last field keeps its colons", "ArnLike", arn, #""arn:aws:kms:*:111122223333:key/*""#, [arn: "arn:aws:kms:eu-west-1:111122223333:key/a:b"], true),
        .init("ArnEquals takes wildcards too", "ArnEquals", arn, #""arn:aws:iam::111122223333:user/*""#, [arn: "arn:aws:iam::111122223333:user/Bob"], true),
        .init("case-sensitive", "ArnEquals", arn, #""arn:aws:iam::111122223333:user/bob""#, [arn: "arn:aws:iam::111122223333:user/Bob"], false),
        .init("request is not an ARN", "ArnLike", arn, #""arn:aws:iam::*:user/*""#, [arn: "Bob"], false),
        .init("not matched", "ArnNotLike", arn, #""arn:aws:iam::*:role/Admin*""#, [arn: "arn:aws:iam::111122223333:user/Bob"], true),
        .init("matched", "ArnNotEquals", arn, #""arn:aws:iam::111122223333:user/Bob""#, [arn: "arn:aws:iam::111122223333:user/Bob"], false),
        .init("missing key is true", "ArnNotLike", arn, #""arn:aws:iam::*:*""#, [:], true),
    ]

    static let nulls: [ConditionCase] = [
        .init("true when the key is missing", "Null", owner, "true", [:], true),
        .init("true fails when present", "Null", owner, "true", [owner: "x"], false),
        .init("false when present", "Null", owner, #""false""#, [owner: "x"], true),
        .init("false fails when missing", "Null", owner, "false", [:], false),
        .init("empty set counts as missing", "Null", keys, "true", [keys: []], true),
    ]

    static let ifExists: [ConditionCase] = [
        .init("missing key passes", "StringEqualsIfExists", owner, #""Alice""#, [:], true),
        .init("present mismatch fails", "StringEqualsIfExists", owner, #""Alice""#, [owner: "Bob"], false),
        .init("present match passes", "StringEqualsIfExists", owner, #""Alice""#, [owner: "Alice"], true),
        .init("negated, present and equal", "StringNotEqualsIfExists", owner, #""Alice""#, [owner: "Alice"], false),
        .init("numeric, missing", "NumericLessThanIfExists", "s3:max-keys", #""10""#, [:], true),
        .init("IP, present outside", "IpAddressIfExists", ip, #""10.0.0.0/8""#, [ip: "192.0.2.1"], false),
        .init("ForAnyValue, missing", "ForAnyValue:StringEqualsIfExists", keys, #""a""#, [:], true),
    ]

    static let sets: [ConditionCase] = [
        .init("every request value listed", "ForAllValues:StringEquals", keys, #"["a", "b"]"#, [keys: ["a", "b"]], true),
        .init("subset listed", "ForAllValues:StringEquals", keys, #"["a", "b"]"#, [keys: ["a"]], true),
        .init("one value unlisted", "ForAllValues:StringEquals", keys, #"["a", "b"]"#, [keys: ["a", "c"]], false),
        .init("missing key is true", "ForAllValues:StringEquals", keys, #"["a"]"#, [:], true),
        .init("empty set is true", "ForAllValues:StringEquals", keys, #"["a"]"#, [keys: []], true),
        .init("wildcards per value", "ForAllValues:StringLike", keys, #""Dep*""#, [keys: ["Department", "DeptCode"]], true),
        .init("one value outside the pattern", "ForAllValues:StringLike", keys, #""Dep*""#, [keys: ["Department", "Budget"]], false),
        .init("one overlapping value", "ForAnyValue:StringEquals", keys, #"["a", "b"]"#, [keys: ["c", "a"]], true),
        .init("no overlap", "ForAnyValue:StringEquals", keys, #"["a", "b"]"#, [keys: ["c"]], false),
        .init("missing key is false", "ForAnyValue:StringEquals", keys, #"["a"]"#, [:], false),
        .init("single-valued key", "ForAnyValue:StringEquals", owner, #""x""#, [owner: "x"], true),
        .init("no value is forbidden", "ForAllValues:StringNotEquals", keys, #""a""#, [keys: ["b", "c"]], true),
        .init("a forbidden value", "ForAllValues:StringNotEquals", keys, #""a""#, [keys: ["a", "b"]], false),
        .init("some value other than a", "ForAnyValue:StringNotEquals", keys, #""a""#, [keys: ["a", "b"]], true),
        .init("only a", "ForAnyValue:StringNotEquals", keys, #""a""#, [keys: ["a"]], false),
        .init("unqualified, any value matches", "StringEquals", keys, #""a""#, [keys: ["b", "a"]], true),
        .init("unqualified negated, a value matches", "StringNotEquals", keys, #""a""#, [keys: ["b", "a"]], false),
    ]

    static let variables: [ConditionCase] = [
        .init("username substituted", "StringEquals", owner, #""${aws:username}""#, [owner: "Alice", "aws:username": "Alice"], true),
        .init("username differs", "StringEquals", owner, #""${aws:username}""#, [owner: "Bob", "aws:username": "Alice"], false),
        .init("unresolvable never matches", "StringEquals", owner, #""${aws:username}""#, [owner: ""], false),
        .init("multivalued key is unresolvable", "StringEquals", owner, #""${kms:GrantOperations}""#, [owner: "Encrypt", "kms:GrantOperations": ["Encrypt"]], false),
        .init("inside a pattern", "StringLike", owner, #""home/${aws:username}/*""#, [owner: "home/Alice/docs", "aws:username": "Alice"], true),
        .init("substituted star is literal", "StringLike", owner, #""${aws:username}""#, [owner: "Abc", "aws:username": "A*"], false),
        .init("${*} is a literal star", "StringLike", owner, #""${*}""#, [owner: "*"], true),
        .init("${*} is not a wildcard", "StringLike", owner, #""${*}""#, [owner: "x"], false),
        .init("${?} is a literal question mark", "StringLike", owner, #""why${?}""#, [owner: "why?"], true),
        .init("${$} is a dollar", "StringEquals", owner, #""cost${$}""#, [owner: "cost$"], true),
        .init("default value used", "StringEquals", owner, #""${aws:PrincipalTag/team, 'none'}""#, [owner: "none"], true),
        .init("key beats default", "StringEquals", owner, #""${aws:PrincipalTag/team, 'none'}""#, [owner: "none", "aws:PrincipalTag/team": "red"], false),
        .init("variable in an ARN", "ArnLike", arn, #""arn:aws:iam::${aws:PrincipalAccount}:user/*""#, [arn: "arn:aws:iam::111122223333:user/Bob", "aws:PrincipalAccount": "111122223333"], true),
        .init("variable in an ARN, other account", "ArnLike", arn, #""arn:aws:iam::${aws:PrincipalAccount}:user/*""#, [arn: "arn:aws:iam::444455556666:user/Bob", "aws:PrincipalAccount": "111122223333"], false),
    ]

    @Test(arguments: binaries) func binaryOperator(_ row: ConditionCase) throws { try row.check() }
    @Test(arguments: addresses) func ipAddressOperator(_ row: ConditionCase) throws { try row.check() }
    @Test(arguments: arns) func arnOperator(_ row: ConditionCase) throws { try row.check() }
    @Test(arguments: nulls) func nullOperator(_ row: ConditionCase) throws { try row.check() }
    @Test(arguments: ifExists) func ifExistsSuffix(_ row: ConditionCase) throws { try row.check() }
    @Test(arguments: sets) func setQualifier(_ row: ConditionCase) throws { try row.check() }
    @Test(arguments: variables) func policyVariable(_ row: ConditionCase) throws { try row.check() }

    @Test func variablesAreLiteralTextInA2008Policy() throws {
        let policy = try conditionPolicy("StringEquals", Self.owner, #""${aws:username}""#, version: "2008-10-17")
        #expect(allows(policy, [Self.owner: "${aws:username}", "aws:username": "Alice"]))
        #expect(!allows(policy, [Self.owner: "Alice", "aws:username": "Alice"]))
    }

    @Test func keysAndOperatorsAreAndedAcrossTheConditionBlock() throws {
        let policy = try compile(#"""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Encrypt", "Resource": "*",
              "Condition": {"StringEquals": {"kms:EncryptionContext:a": "1", "kms:EncryptionContext:b": "2"},
                            "Bool": {"aws:SecureTransport": "true"}}}]}
            """#, as: .identityBased)
        let all: PolicyConditionContext = ["kms:EncryptionContext:a": "1", "kms:EncryptionContext:b": "2", "aws:SecureTransport": "true"]
        #expect(allows(policy, all))
        for key in ["kms:EncryptionContext:a", "kms:EncryptionContext:b", "aws:SecureTransport"] {
            var partial = all
            partial[key] = nil
            #expect(!allows(policy, partial), "without \(key)")
        }
    }
}
