import AccessPolicy
import Testing

/// Action, Resource, their `Not` forms, and how statements of one policy combine.
@Suite struct StatementMatchingTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var elements: String
        var action: String
        var resource: String
        var applies: Bool
        var testDescription: String { name }
    }

    static let key = Caller.keyARN
    static let rows: [Row] = [
        Row(name: "action names ignore case", elements: #""Action": "KMS:encrypt", "Resource": "*""#, action: "kms:Encrypt", resource: key, applies: true),
        Row(name: "request action case is ignored", elements: #""Action": "kms:ReEncrypt*", "Resource": "*""#, action: "KMS:REENCRYPTFROM", resource: key, applies: true),
        Row(name: "action wildcard stops at its pattern", elements: #""Action": "kms:Get*", "Resource": "*""#, action: "kms:DescribeKey", resource: key, applies: false),
        Row(name: "question mark is one character", elements: #""Action": "kms:?ncrypt", "Resource": "*""#, action: "kms:Encrypt", resource: key, applies: true),
        Row(name: "NotAction applies to other actions", elements: #""NotAction": "kms:Decrypt", "Resource": "*""#, action: "kms:Encrypt", resource: key, applies: true),
        Row(name: "NotAction skips its actions", elements: #""NotAction": ["kms:Decrypt", "kms:Encrypt"], "Resource": "*""#, action: "kms:Encrypt", resource: key, applies: false),
        Row(name: "key ARN pattern", elements: #""Action": "kms:*", "Resource": "arn:aws:kms:*:111122223333:key/*""#, action: "kms:Encrypt", resource: key, applies: true),
        Row(name: "other account's key", elements: #""Action": "kms:*", "Resource": "arn:aws:kms:*:444455556666:key/*""#, action: "kms:Encrypt", resource: key, applies: false),
        Row(name: "alias is not a key", elements: #""Action": "kms:*", "Resource": "arn:aws:kms:*:111122223333:key/*""#, action: "kms:Encrypt", resource: "arn:aws:kms:us-west-2:111122223333:alias/app", applies: false),
        Row(name: "resource matching is case-sensitive", elements: #""Action": "kms:*", "Resource": "arn:aws:kms:us-west-2:111122223333:key/1234ABCD-12ab-34cd-56ef-1234567890ab""#, action: "kms:Encrypt", resource: key, applies: false),
        Row(name: "exact key ARN", elements: #""Action": "kms:*", "Resource": ["arn:aws:kms:us-east-1:111122223333:key/x", "\#(key)"]"#, action: "kms:Encrypt", resource: key, applies: true),
        Row(name: "NotResource applies elsewhere", elements: #""Action": "kms:*", "NotResource": "arn:aws:kms:*:111122223333:alias/*""#, action: "kms:Encrypt", resource: key, applies: true),
        Row(name: "NotResource skips its resources", elements: #""Action": "kms:*", "NotResource": "arn:aws:kms:*:111122223333:key/*""#, action: "kms:Encrypt", resource: key, applies: false),
        Row(name: "variable in the resource", elements: #""Action": "kms:*", "Resource": "arn:aws:kms:*:${aws:PrincipalAccount}:key/*""#, action: "kms:Encrypt", resource: key, applies: true),
        Row(name: "variable in the resource, other account", elements: #""Action": "kms:*", "Resource": "arn:aws:kms:*:${aws:PrincipalAccount}:key/*""#, action: "kms:Encrypt", resource: "arn:aws:kms:us-west-2:444455556666:key/k", applies: false),
    ]

    @Test(arguments: rows)
    func identityStatementMatchesActionAndResource(_ row: Row) throws {
        let policy = try compile(#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", \#(row.elements)}}"#, as: .identityBased)
        let request = Caller.request(Caller.user("Alice"), row.action, resource: row.resource).addingGlobalKeys()
        #expect((policy.evaluate(request) != .notApplicable) == row.applies)
    }

    @Test func keyPolicyStatementWithoutResourceHasNoEffect() throws {
        let policy = try compile(Policy.document(
            #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/Alice"}, "Action": "kms:*"}"#
        ), as: .resourceBased)
        #expect(policy.evaluate(Caller.request(Caller.user("Alice"))) == .notApplicable)
    }

    @Test func denyWinsWhereverItStandsInThePolicy() throws {
        let allow = #"{"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*"}"#
        let deny = #"{"Effect": "Deny", "Principal": "*", "Action": "kms:Encrypt", "Resource": "*"}"#
        #expect(try compile(Policy.document(allow, deny), as: .resourceBased).evaluate(Caller.request(Caller.user("Alice"))) == .explicitDeny(statement: 1))
        #expect(try compile(Policy.document(deny, allow), as: .resourceBased).evaluate(Caller.request(Caller.user("Alice"))) == .explicitDeny(statement: 0))
        #expect(try compile(Policy.document(deny, allow), as: .resourceBased).evaluate(Caller.request(Caller.user("Alice"), "kms:Decrypt")) == .allow(.direct, statement: 1))
    }

    @Test func allowNamingTheCallerBeatsAllowNamingItsAccount() throws {
        let policy = try compile(Policy.document(
            Policy.rootStatement,
            #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/Alice"}, "Action": "kms:Encrypt", "Resource": "*"}"#
        ), as: .resourceBased)
        #expect(policy.evaluate(Caller.request(Caller.user("Alice"))) == .allow(.direct, statement: 1))
        #expect(policy.evaluate(Caller.request(Caller.user("Bob"))) == .allow(.account, statement: 0))
    }

    @Test func globalKeysDescribeAUser() {
        let request = Caller.request(Caller.user("Alice")).addingGlobalKeys(
            epochSeconds: 1_563_278_400, sourceIP: "203.0.113.7", secureTransport: true, requestedRegion: "us-west-2")
        #expect(request.context["aws:PrincipalArn"] == "arn:aws:iam::111122223333:user/Alice")
        #expect(request.context["AWS:principalaccount"] == "111122223333")
        #expect(request.context["aws:PrincipalType"] == "User")
        #expect(request.context["aws:username"] == "Alice")
        #expect(request.context["aws:userid"] == "AIDAALICE")
        #expect(request.context["aws:CurrentTime"] == "2019-07-16T12:00:00Z")
        #expect(request.context["aws:EpochTime"] == "1563278400")
        #expect(request.context["aws:SourceIp"] == "203.0.113.7")
        #expect(request.context["aws:SecureTransport"] == "true")
        #expect(request.context["aws:RequestedRegion"] == "us-west-2")
    }

    @Test func globalKeysOfARoleSessionNameTheRole() {
        let context = Caller.request(Caller.session(role: "KMSRole")).addingGlobalKeys().context
        #expect(context["aws:PrincipalArn"] == "arn:aws:iam::111122223333:role/KMSRole")
        #expect(context["aws:PrincipalType"] == "AssumedRole")
        #expect(context["aws:username"] == nil)
        #expect(Caller.request(Caller.root()).addingGlobalKeys().context["aws:userid"] == "111122223333")
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"),
        (951_782_400, "2000-02-29T00:00:00Z"), (4_102_444_799, "2099-12-31T23:59:59Z"),
    ])
    func currentTimeIsWrittenInISO8601(_ seconds: Int64, _ text: String) {
        let context = Caller.request(Caller.root()).addingGlobalKeys(epochSeconds: seconds).context
        #expect(context["aws:CurrentTime"] == .single(text))
    }

    @Test func timeComesFromTheRequestContext() throws {
        let policy = try conditionPolicy("DateLessThan", "aws:CurrentTime", #""2020-01-01T00:00:00Z""#)
        let before = Caller.request(Caller.user("Alice")).addingGlobalKeys(epochSeconds: 1_577_836_799)
        let after = Caller.request(Caller.user("Alice")).addingGlobalKeys(epochSeconds: 1_577_836_800)
        #expect(policy.evaluate(before) == .allow(.direct, statement: 0))
        #expect(policy.evaluate(after) == .notApplicable)
    }
}
