import AccessPolicy
import Testing

/// Queue and topic policies (``ResourcePolicyEvaluator``): identity OR resource policy within an
/// account, both across accounts, explicit denies first, services only through the resource
/// policy, with the confused-deputy condition keys.
@Suite struct ResourcePolicyEvaluatorTests {
    static let queueARN = "arn:aws:sqs:us-east-1:111122223333:orders"
    static let topicARN = "arn:aws:sns:us-east-1:111122223333:orders"

    static let allowIAM = #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}}"#
    static let denyIAM = #"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "sqs:SendMessage", "Resource": "*"}}"#

    static func queuePolicy(_ principal: String, effect: String = "Allow", condition: String? = nil) -> String {
        let conditionJSON = condition.map { #", "Condition": \#($0)"# } ?? ""
        return #"""
            {"Version": "2012-10-17", "Statement": [{"Effect": "\#(effect)", "Principal": \#(principal),
              "Action": "sqs:SendMessage", "Resource": "\#(queueARN)"\#(conditionJSON)}]}
            """#
    }

    /// The SQS Developer Guide's statement for an SNS topic sending to a queue.
    static let snsStatement = queuePolicy(#"{"Service": "sns.amazonaws.com"}"#,
                                          condition: #"{"ArnEquals": {"aws:SourceArn": "\#(topicARN)"}}"#)

    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var caller: PolicyRequestPrincipal
        var queuePolicy: String?
        var identityPolicies: [String] = []
        var context: PolicyConditionContext = [:]
        var expected: PolicyDecision
        var testDescription: String { name }
    }

    static let zoe = Caller.user("Zoe", account: "444455556666")
    static let sns = PolicyRequestPrincipal.service("sns.amazonaws.com")

    static let rows: [Row] = [
        // One account.
        Row(name: "user without any policy", caller: Caller.user("Alice"), queuePolicy: nil,
            expected: .implicitDeny(missing: .identityBased)),
        Row(name: "user allowed by IAM, no queue policy", caller: Caller.user("Alice"), queuePolicy: nil,
            identityPolicies: [allowIAM], expected: .allowed(by: .identityPolicy)),
        Row(name: "user named by the queue policy, no IAM policy", caller: Caller.user("Alice"),
            queuePolicy: queuePolicy(#"{"AWS": "arn:aws:iam::111122223333:user/Alice"}"#), expected: .allowed(by: .resourcePolicy)),
        Row(name: "queue policy for everyone allows a user of the account", caller: Caller.user("Alice"),
            queuePolicy: queuePolicy(#""*""#), expected: .allowed(by: .resourcePolicy)),
        Row(name: "queue policy naming the account delegates to IAM: without it", caller: Caller.user("Alice"),
            queuePolicy: queuePolicy(#"{"AWS": "111122223333"}"#), expected: .implicitDeny(missing: .identityBased)),
        Row(name: "queue policy naming the account delegates to IAM: with it", caller: Caller.user("Alice"),
            queuePolicy: queuePolicy(#"{"AWS": "111122223333"}"#), identityPolicies: [allowIAM],
            expected: .allowed(by: .resourcePolicyAndIdentityPolicy)),
        Row(name: "queue policy naming another user allows nothing", caller: Caller.user("Alice"),
            queuePolicy: queuePolicy(#"{"AWS": "arn:aws:iam::111122223333:user/Bob"}"#), expected: .implicitDeny(missing: .identityBased)),
        Row(name: "role session named by its role", caller: Caller.session(role: "Producer"),
            queuePolicy: queuePolicy(#"{"AWS": "arn:aws:iam::111122223333:role/Producer"}"#), expected: .allowed(by: .resourcePolicy)),
        Row(name: "account root needs nothing", caller: Caller.root(), queuePolicy: nil, expected: .allowed(by: .identityPolicy)),
        Row(name: "a queue policy deny stops the account root", caller: Caller.root(),
            queuePolicy: queuePolicy(#""*""#, effect: "Deny"), expected: .explicitDeny(in: .resourceBased)),
        Row(name: "a queue policy deny wins over an IAM allow", caller: Caller.user("Alice"),
            queuePolicy: queuePolicy(#""*""#, effect: "Deny"), identityPolicies: [allowIAM], expected: .explicitDeny(in: .resourceBased)),
        Row(name: "an IAM deny wins over a queue policy allow", caller: Caller.user("Alice"),
            queuePolicy: queuePolicy(#""*""#), identityPolicies: [allowIAM, denyIAM], expected: .explicitDeny(in: .identityBased)),
        // Across accounts.
        Row(name: "other account's user with IAM allow, no queue policy", caller: zoe, queuePolicy: nil,
            identityPolicies: [allowIAM], expected: .implicitDeny(missing: .resourceBased)),
        Row(name: "other account's user named by the queue policy, no IAM allow", caller: zoe,
            queuePolicy: queuePolicy(#"{"AWS": "arn:aws:iam::444455556666:user/Zoe"}"#), expected: .implicitDeny(missing: .identityBased)),
        Row(name: "other account's user with both", caller: zoe,
            queuePolicy: queuePolicy(#"{"AWS": "arn:aws:iam::444455556666:user/Zoe"}"#), identityPolicies: [allowIAM],
            expected: .allowed(by: .resourcePolicyAndIdentityPolicy)),
        Row(name: "other account named as an account, user with IAM allow", caller: zoe,
            queuePolicy: queuePolicy(#"{"AWS": "444455556666"}"#), identityPolicies: [allowIAM],
            expected: .allowed(by: .resourcePolicyAndIdentityPolicy)),
        Row(name: "other account's root named by account", caller: Caller.root("444455556666"),
            queuePolicy: queuePolicy(#"{"AWS": "444455556666"}"#), expected: .allowed(by: .resourcePolicyAndIdentityPolicy)),
        Row(name: "queue policy for everyone still needs the other account's IAM allow", caller: zoe,
            queuePolicy: queuePolicy(#""*""#), expected: .implicitDeny(missing: .identityBased)),
        Row(name: "other account's root is not the queue's account root", caller: Caller.root("444455556666"),
            queuePolicy: nil, expected: .implicitDeny(missing: .resourceBased)),
        // Services and anonymous callers.
        Row(name: "SNS with the topic the queue policy names", caller: sns, queuePolicy: snsStatement,
            context: ["aws:SourceArn": .single(topicARN)], expected: .allowed(by: .resourcePolicy)),
        Row(name: "SNS for another topic (confused deputy)", caller: sns, queuePolicy: snsStatement,
            context: ["aws:SourceArn": "arn:aws:sns:us-east-1:999999999999:orders"], expected: .implicitDeny(missing: .resourceBased)),
        Row(name: "SNS without a queue policy", caller: sns, queuePolicy: nil,
            context: ["aws:SourceArn": .single(topicARN)], expected: .implicitDeny(missing: .resourceBased)),
        Row(name: "a service gains nothing from identity policies", caller: sns, queuePolicy: nil,
            identityPolicies: [allowIAM], context: ["aws:SourceArn": .single(topicARN)], expected: .implicitDeny(missing: .resourceBased)),
        Row(name: "an account-wide statement does not name a service", caller: sns,
            queuePolicy: queuePolicy(#"{"AWS": "111122223333"}"#), expected: .implicitDeny(missing: .resourceBased)),
        Row(name: "anonymous caller under a policy for everyone", caller: .anonymous, queuePolicy: queuePolicy(#""*""#),
            expected: .allowed(by: .resourcePolicy)),
        Row(name: "anonymous caller without a queue policy", caller: .anonymous, queuePolicy: nil,
            expected: .implicitDeny(missing: .resourceBased)),
    ]

    @Test(arguments: rows)
    func decides(_ row: Row) throws {
        let request = Caller.request(row.caller, "sqs:SendMessage", resource: Self.queueARN, context: row.context)
        let decision = ResourcePolicyEvaluator.evaluate(
            request, resourcePolicy: try row.queuePolicy.map { try compile($0, as: .resourceBased) },
            identityPolicies: try row.identityPolicies.map { try compile($0, as: .identityBased) })
        #expect(decision == row.expected)
    }

    @Test func aDenialNamesTheMissingPolicyInAWSWords() throws {
        let request = Caller.request(Self.zoe, "sqs:SendMessage", resource: Self.queueARN)
        let decision = ResourcePolicyEvaluator.evaluate(request, resourcePolicy: nil, identityPolicies: [try compile(Self.allowIAM, as: .identityBased)])
        #expect(decision.accessDeniedMessage(for: request) == "User: arn:aws:iam::444455556666:user/Zoe is not authorized to perform: "
            + "sqs:SendMessage on resource: \(Self.queueARN) because no resource-based policy allows the sqs:SendMessage action")
    }
}
