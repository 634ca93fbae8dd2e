import AccessPolicy
import Testing

/// One row of a condition-operator table: an operator, a key and its policy values, a request
/// context, and whether the condition must hold.
struct ConditionCase: CustomTestStringConvertible, Sendable {
    var name: String
    var operatorName: String
    var key: String
    var valuesJSON: String
    var context: PolicyConditionContext
    var holds: Bool

    init(_ name: String, _ operatorName: String, _ key: String, _ valuesJSON: String, _ context: PolicyConditionContext, _ holds: Bool) {
        self.name = name
        self.operatorName = operatorName
        self.key = key
        self.valuesJSON = valuesJSON
        self.context = context
        self.holds = holds
    }

    var testDescription: String { "\(operatorName): \(name)" }

    /// Runs the row through a compiled identity policy.
    func check(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let policy = try conditionPolicy(operatorName, key, valuesJSON)
        #expect(allows(policy, context) == holds, "\(testDescription)", sourceLocation: sourceLocation)
    }
}
