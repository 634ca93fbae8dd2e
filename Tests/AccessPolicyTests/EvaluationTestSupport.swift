import AccessPolicy
import Testing

/// Callers and helpers shared by the evaluation tests.
enum Caller {
    static let keyARN = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    static func user(_ name: String, account: String = "111122223333") -> PolicyRequestPrincipal {
        PolicyRequestPrincipal(arn: "arn:aws:iam::\(account):user/\(name)", userID: "AIDA\(name.uppercased())")!
    }

    static func session(role: String, session: String = "s1", account: String = "111122223333") -> PolicyRequestPrincipal {
        PolicyRequestPrincipal(arn: "arn:aws:sts::\(account):assumed-role/\(role)/\(session)")!
    }

    static func root(_ account: String = "111122223333") -> PolicyRequestPrincipal {
        .root(accountID: account)
    }

    static func request(
        _ principal: PolicyRequestPrincipal,
        _ action: String = "kms:Encrypt",
        resource: String = keyARN,
        context: PolicyConditionContext = PolicyConditionContext()
    ) -> PolicyRequest {
        PolicyRequest(principal: principal, action: action, resource: resource, context: context)
    }
}

/// Parses and compiles a policy document; the JSON in these tests is known to be valid.
func compile(_ json: String, as kind: PolicyKind) throws -> CompiledPolicy {
    CompiledPolicy(try PolicyDocument(json: json, kind: kind))
}

/// An identity policy that allows `kms:Encrypt` on every resource under one condition block.
func conditionPolicy(_ operatorName: String, _ key: String, _ valuesJSON: String, version: String = "2012-10-17") throws -> CompiledPolicy {
    try compile(#"""
        {"Version": "\#(version)", "Statement": [{"Effect": "Allow", "Action": "kms:Encrypt", "Resource": "*",
          "Condition": {"\#(operatorName)": {"\#(key)": \#(valuesJSON)}}}]}
        """#, as: .identityBased)
}

/// Whether `policy` allows a request by Alice carrying `context`.
func allows(_ policy: CompiledPolicy, _ context: PolicyConditionContext) -> Bool {
    if case .allow = policy.evaluate(Caller.request(Caller.user("Alice"), context: context)) { return true }
    return false
}
