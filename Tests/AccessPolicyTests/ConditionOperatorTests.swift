import AccessPolicy
import Testing

/// String, numeric, date and Boolean condition operators, each against a compiled policy.
@Suite struct ConditionOperatorTests {
    static let ctxKey = "kms:EncryptionContext:AppName"

    static let strings: [ConditionCase] = [
        .init("exact value matches", "StringEquals", ctxKey, #""ExampleApp""#, [ctxKey: "ExampleApp"], true),
        .init("case differs", "StringEquals", ctxKey, #""ExampleApp""#, [ctxKey: "exampleapp"], false),
        .init("one of several values matches (OR)", "StringEquals", ctxKey, #"["A", "B", "C"]"#, [ctxKey: "B"], true),
        .init("none of several values matches", "StringEquals", ctxKey, #"["A", "B"]"#, [ctxKey: "D"], false),
        .init("missing key is false", "StringEquals", ctxKey, #""A""#, [:], false),
        .init("asterisk is literal", "StringEquals", ctxKey, #""App*""#, [ctxKey: "AppX"], false),
        .init("asterisk equals itself", "StringEquals", ctxKey, #""App*""#, [ctxKey: "App*"], true),
        .init("key name ignores case", "StringEquals", "KMS:encryptioncontext:APPNAME", #""A""#, [ctxKey: "A"], true),
        .init("different value", "StringNotEquals", ctxKey, #""A""#, [ctxKey: "B"], true),
        .init("same value", "StringNotEquals", ctxKey, #""A""#, [ctxKey: "A"], false),
        .init("value in list is NOR'ed", "StringNotEquals", ctxKey, #"["A", "B"]"#, [ctxKey: "B"], false),
        .init("missing key is true", "StringNotEquals", ctxKey, #""A""#, [:], true),
        .init("case ignored", "StringEqualsIgnoreCase", ctxKey, #""ExampleApp""#, [ctxKey: "EXAMPLEAPP"], true),
        .init("other value", "StringEqualsIgnoreCase", ctxKey, #""ExampleApp""#, [ctxKey: "Other"], false),
        .init("case-only difference is equal", "StringNotEqualsIgnoreCase", ctxKey, #""abc""#, [ctxKey: "ABC"], false),
        .init("missing key is true", "StringNotEqualsIgnoreCase", ctxKey, #""abc""#, [:], true),
        .init("star matches a run", "StringLike", ctxKey, #""app-*""#, [ctxKey: "app-42"], true),
        .init("star matches nothing", "StringLike", ctxKey, #""app-*""#, [ctxKey: "app-"], true),
        .init("question mark is one character", "StringLike", ctxKey, #""app-?""#, [ctxKey: "app-42"], false),
        .init("two question marks", "StringLike", ctxKey, #""app-??""#, [ctxKey: "app-42"], true),
        .init("case-sensitive", "StringLike", ctxKey, #""APP-*""#, [ctxKey: "app-42"], false),
        .init("anchored at both ends", "StringLike", ctxKey, #""app""#, [ctxKey: "my-app"], false),
        .init("missing key is false", "StringLike", ctxKey, #""*""#, [:], false),
        .init("pattern not matched", "StringNotLike", ctxKey, #""app-*""#, [ctxKey: "web-1"], true),
        .init("pattern matched", "StringNotLike", ctxKey, #""app-*""#, [ctxKey: "app-1"], false),
        .init("missing key is true", "StringNotLike", ctxKey, #""app-*""#, [:], true),
    ]

    static let numbers: [ConditionCase] = [
        .init("equal integers", "NumericEquals", "s3:max-keys", #""10""#, ["s3:max-keys": "10"], true),
        .init("decimal equals integer", "NumericEquals", "s3:max-keys", #""10""#, ["s3:max-keys": "10.0"], true),
        .init("JSON number value", "NumericEquals", "s3:max-keys", "10", ["s3:max-keys": "10"], true),
        .init("different number", "NumericEquals", "s3:max-keys", #""10""#, ["s3:max-keys": "11"], false),
        .init("request not a number", "NumericEquals", "s3:max-keys", #""10""#, ["s3:max-keys": "ten"], false),
        .init("different number", "NumericNotEquals", "s3:max-keys", #""10""#, ["s3:max-keys": "11"], true),
        .init("same number", "NumericNotEquals", "s3:max-keys", #""10""#, ["s3:max-keys": "10"], false),
        .init("missing key is true", "NumericNotEquals", "s3:max-keys", #""10""#, [:], true),
        .init("below", "NumericLessThan", "s3:max-keys", #""10""#, ["s3:max-keys": "9"], true),
        .init("equal is not less", "NumericLessThan", "s3:max-keys", #""10""#, ["s3:max-keys": "10"], false),
        .init("negative decimal", "NumericLessThan", "s3:max-keys", #""0""#, ["s3:max-keys": "-1.5"], true),
        .init("equal", "NumericLessThanEquals", "s3:max-keys", #""10""#, ["s3:max-keys": "10"], true),
        .init("above", "NumericLessThanEquals", "s3:max-keys", #""10""#, ["s3:max-keys": "10.5"], false),
        .init("above", "NumericGreaterThan", "s3:max-keys", #""10""#, ["s3:max-keys": "11"], true),
        .init("equal is not greater", "NumericGreaterThan", "s3:max-keys", #""10""#, ["s3:max-keys": "10"], false),
        .init("equal", "NumericGreaterThanEquals", "s3:max-keys", #""10""#, ["s3:max-keys": "10"], true),
        .init("below", "NumericGreaterThanEquals", "s3:max-keys", #""10""#, ["s3:max-keys": "9"], false),
        .init("missing key is false", "NumericGreaterThanEquals", "s3:max-keys", #""10""#, [:], false),
    ]

    static let dates: [ConditionCase] = [
        .init("later ISO time", "DateGreaterThan", "aws:CurrentTime", #""2019-07-16T12:00:00Z""#, ["aws:CurrentTime": "2020-01-01T00:00:00Z"], true),
        .init("same time is not later", "DateGreaterThan", "aws:CurrentTime", #""2019-07-16T12:00:00Z""#, ["aws:CurrentTime": "2019-07-16T12:00:00Z"], false),
        .init("fraction of a second later", "DateGreaterThan", "aws:CurrentTime", #""2019-07-16T12:00:00Z""#, ["aws:CurrentTime": "2019-07-16T12:00:00.5Z"], true),
        .init("same time", "DateGreaterThanEquals", "aws:CurrentTime", #""2019-07-16T12:00:00Z""#, ["aws:CurrentTime": "2019-07-16T12:00:00Z"], true),
        .init("epoch policy, ISO request", "DateLessThan", "aws:CurrentTime", #""1563278400""#, ["aws:CurrentTime": "2019-07-16T11:59:59Z"], true),
        .init("epoch policy, ISO request at it", "DateLessThan", "aws:CurrentTime", #""1563278400""#, ["aws:CurrentTime": "2019-07-16T12:00:00Z"], false),
        .init("ISO policy, epoch request", "DateEquals", "aws:EpochTime", #""2019-07-16T12:00:00Z""#, ["aws:EpochTime": "1563278400"], true),
        .init("offset is applied", "DateEquals", "aws:CurrentTime", #""2019-07-16T14:00:00+02:00""#, ["aws:CurrentTime": "2019-07-16T12:00:00Z"], true),
        .init("compact offset", "DateEquals", "aws:CurrentTime", #""2019-07-16T07:00:00-0500""#, ["aws:CurrentTime": "2019-07-16T12:00:00Z"], true),
        .init("date alone is midnight UTC", "DateLessThan", "aws:CurrentTime", #""2019-07-17""#, ["aws:CurrentTime": "2019-07-16T23:59:59Z"], true),
        .init("leap day exists in 2020", "DateEquals", "aws:CurrentTime", #""2020-02-29""#, ["aws:CurrentTime": "2020-02-29T00:00:00Z"], true),
        .init("no 30 February", "DateEquals", "aws:CurrentTime", #""2019-02-30""#, ["aws:CurrentTime": "2019-03-02T00:00:00Z"], false),
        .init("unreadable request", "DateLessThan", "aws:CurrentTime", #""2030-01-01T00:00:00Z""#, ["aws:CurrentTime": "yesterday"], false),
        .init("other time", "DateNotEquals", "aws:CurrentTime", #""2019-07-16T12:00:00Z""#, ["aws:CurrentTime": "2019-07-16T12:00:01Z"], true),
        .init("missing key is true", "DateNotEquals", "aws:CurrentTime", #""2019-07-16T12:00:00Z""#, [:], true),
        .init("missing key is false", "DateLessThanEquals", "aws:CurrentTime", #""2030-01-01""#, [:], false),
    ]

    static let booleans: [ConditionCase] = [
        .init("\"true\" string", "Bool", "aws:SecureTransport", #""true""#, ["aws:SecureTransport": "true"], true),
        .init("JSON true", "Bool", "aws:SecureTransport", "true", ["aws:SecureTransport": "true"], true),
        .init("request false", "Bool", "aws:SecureTransport", "true", ["aws:SecureTransport": "false"], false),
        .init("\"false\" matches false", "Bool", "aws:SecureTransport", #""false""#, ["aws:SecureTransport": "false"], true),
        .init("case ignored", "Bool", "aws:SecureTransport", #""True""#, ["aws:SecureTransport": "true"], true),
        .init("missing key is false", "Bool", "kms:GrantIsForAWSResource", "true", [:], false),
        .init("missing key with IfExists", "BoolIfExists", "aws:MultiFactorAuthPresent", "false", [:], true),
        .init("present key with IfExists", "BoolIfExists", "aws:MultiFactorAuthPresent", "false", ["aws:MultiFactorAuthPresent": "true"], false),
    ]

    @Test(arguments: strings) func stringOperator(_ row: ConditionCase) throws { try row.check() }
    @Test(arguments: numbers) func numericOperator(_ row: ConditionCase) throws { try row.check() }
    @Test(arguments: dates) func dateOperator(_ row: ConditionCase) throws { try row.check() }
    @Test(arguments: booleans) func boolOperator(_ row: ConditionCase) throws { try row.check() }

    @Test func tablesHoldBothOutcomesForEveryFamily() {
        for table in [Self.strings, Self.numbers, Self.dates, Self.booleans] {
            #expect(table.contains { $0.holds } && table.contains { !$0.holds })
        }
    }
}
