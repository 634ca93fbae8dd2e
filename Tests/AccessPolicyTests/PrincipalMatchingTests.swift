import AccessPolicy
import Testing

/// `Principal` and `NotPrincipal` against the kinds of caller.
@Suite struct PrincipalMatchingTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var element: String
        var principalJSON: String
        var caller: PolicyRequestPrincipal
        var expected: PolicyPrincipalMatch?
        var testDescription: String { "\(element) \(principalJSON) for \(caller.arn)" }
    }

    static let alice = Caller.user("Alice")
    static let session = Caller.session(role: "KMSRole")
    static let foreignUser = Caller.user("Zoe", account: "444455556666")

    static let principalRows: [Row] = [
        Row(element: "Principal", principalJSON: #""*""#, caller: alice, expected: .direct),
        Row(element: "Principal", principalJSON: #"{"AWS": "*"}"#, caller: session, expected: .direct),
        Row(element: "Principal", principalJSON: #""*""#, caller: .service("sqs.amazonaws.com"), expected: .direct),
        Row(element: "Principal", principalJSON: #""*""#, caller: .anonymous, expected: .direct),
        Row(element: "Principal", principalJSON: #"{"AWS": "111122223333"}"#, caller: alice, expected: .account),
        Row(element: "Principal", principalJSON: #"{"AWS": "arn:aws:iam::111122223333:root"}"#, caller: alice, expected: .account),
        Row(element: "Principal", principalJSON: #"{"AWS": "arn:aws:iam::111122223333:root"}"#, caller: session, expected: .account),
        Row(element: "Principal", principalJSON: #"{"AWS": "arn:aws:iam::111122223333:root"}"#, caller: Caller.root(), expected: .direct),
        Row(element: "Principal", principalJSON: #"{"AWS": "111122223333"}"#, caller: Caller.root(), expected: .direct),
        Row(element: "Principal", principalJSON: #"{"AWS": "arn:aws:iam::111122223333:root"}"#, caller: foreignUser, expected: nil),
        Row(element: "Principal", principalJSON: #"{"AWS": "arn:aws-cn:iam::111122223333:root"}"#, caller: alice, expected: nil),
        Row(element: "Principal", principalJSON: #"{"AWS": "arn:aws:iam::111122223333:user/Alice"}"#, caller: alice, expected: .direct),
        Row(element: "Principal", principalJSON: #"{"AWS": "arn:aws:iam::111122223333:user/alice"}"#, caller: alice, expected: nil),
        Row(element: "Principal", principalJSON: #"{"AWS": "arn:aws:iam::111122223333:user/Bob"}"#, caller: alice, expected: nil),
        Row(element: "Principal", principalJSON: #"{"AWS": "arn:aws:iam::111122223333:role/KMSRole"}"#, caller: session, expected: .direct),
        Row(element: "Principal", principalJSON: #"{"AWS": "arn:aws:iam::111122223333:role/team/KMSRole"}"#, caller: session, expected: .direct),
        Row(element: "Principal", principalJSON: #"{"AWS": "arn:aws:iam::111122223333:role/OtherRole"}"#, caller: session, expected: nil),
        Row(element: "Principal", principalJSON: #"{"AWS": "arn:aws:iam::444455556666:role/KMSRole"}"#, caller: session, expected: nil),
        Row(element: "Principal", principalJSON: #"{"AWS": "arn:aws:iam::111122223333:role/KMSRole"}"#, caller: alice, expected: nil),
        Row(element: "Principal", principalJSON: #"{"AWS": "arn:aws:sts::111122223333:assumed-role/KMSRole/s1"}"#, caller: session, expected: .direct),
        Row(element: "Principal", principalJSON: #"{"AWS": "arn:aws:sts::111122223333:assumed-role/KMSRole/s2"}"#, caller: session, expected: nil),
        Row(element: "Principal", principalJSON: #"{"Service": "sqs.amazonaws.com"}"#, caller: .service("sqs.amazonaws.com"), expected: .direct),
        Row(element: "Principal", principalJSON: #"{"Service": "sqs.amazonaws.com"}"#, caller: .service("sns.amazonaws.com"), expected: nil),
        Row(element: "Principal", principalJSON: #"{"Service": "sqs.amazonaws.com"}"#, caller: alice, expected: nil),
        Row(element: "Principal", principalJSON: #"{"AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/Alice"]}"#, caller: alice, expected: .direct),
        Row(element: "NotPrincipal", principalJSON: #"{"AWS": "arn:aws:iam::111122223333:user/Alice"}"#, caller: alice, expected: .direct),
        Row(element: "NotPrincipal", principalJSON: #"{"AWS": ["arn:aws:iam::111122223333:user/Alice", "111122223333"]}"#, caller: alice, expected: nil),
        Row(element: "NotPrincipal", principalJSON: #"{"AWS": ["arn:aws:iam::111122223333:user/Bob", "111122223333"]}"#, caller: alice, expected: .direct),
        Row(element: "NotPrincipal", principalJSON: #"{"AWS": "arn:aws:iam::111122223333:root"}"#, caller: Caller.root(), expected: nil),
        Row(element: "NotPrincipal", principalJSON: #"{"AWS": ["arn:aws:iam::111122223333:role/KMSRole", "arn:aws:iam::111122223333:root"]}"#, caller: session, expected: .direct),
        Row(element: "NotPrincipal", principalJSON: #"{"AWS": ["arn:aws:sts::111122223333:assumed-role/KMSRole/s1", "arn:aws:iam::111122223333:role/KMSRole", "arn:aws:iam::111122223333:root"]}"#, caller: session, expected: nil),
        Row(element: "NotPrincipal", principalJSON: #"{"AWS": "*"}"#, caller: alice, expected: nil),
        Row(element: "NotPrincipal", principalJSON: #"{"Service": "sqs.amazonaws.com"}"#, caller: .service("sqs.amazonaws.com"), expected: nil),
    ]

    @Test(arguments: principalRows)
    func principalElementCoversTheExpectedCallers(_ row: Row) throws {
        let policy = try compile(#"""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "\#(row.element)": \#(row.principalJSON),
              "Action": "kms:Encrypt", "Resource": "*"}]}
            """#, as: .resourceBased)
        let outcome = policy.evaluate(Caller.request(row.caller))
        if let expected = row.expected {
            #expect(outcome == .allow(expected, statement: 0))
        } else {
            #expect(outcome == .notApplicable)
        }
    }

    @Test func callerARNsAreClassified() throws {
        #expect(PolicyRequestPrincipal(arn: "arn:aws:iam::111122223333:root")?.isAccountRoot == true)
        let session = try #require(PolicyRequestPrincipal(arn: "arn:aws:sts::111122223333:assumed-role/R/s", userID: "AROAEXAMPLE:s"))
        #expect(session.kind == .assumedRole)
        #expect(session.roleName == "R")
        #expect(session.roleARN == "arn:aws:iam::111122223333:role/R")
        #expect(PolicyRequestPrincipal(arn: "arn:aws:iam::111122223333:role/R") == nil)
        #expect(PolicyRequestPrincipal(arn: "arn:aws:sts::111122223333:federated-user/Bob")?.kind == .federatedUser)
    }
}
