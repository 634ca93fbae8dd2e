import AccessPolicy
import Testing

/// A policy printed in the KMS Developer Guide, with what parsing it must yield.
///
/// The guide was extracted from a PDF, so examples split across pages were re-joined here, and two
/// extraction artefacts were repaired: `"kms>Delete*"` is `"kms:Delete*"` in the published guide,
/// and the `kms:ReEncryptOnSameKey` example's `"ReEncrypt*"` lacks its vendor prefix (the verbatim
/// form is kept as a negative case in `GuideExampleTests`). Statements that the guide shows alone
/// are wrapped in a document with `Version` 2012-10-17.
struct GuideExample: CustomTestStringConvertible, Sendable {
    var name: String
    var kind: PolicyKind
    var json: String
    var statementCount: Int
    var conditionCount: Int

    var testDescription: String { name }

    /// A key policy made of statements printed on their own in the guide.
    static func keyPolicy(_ name: String, statements: Int = 1, conditions: Int = 0, _ body: String) -> Self {
        GuideExample(
            name: name,
            kind: .resourceBased,
            json: #"{"Version": "2012-10-17", "Statement": ["# + body + "]}",
            statementCount: statements,
            conditionCount: conditions
        )
    }

    /// A complete document printed in the guide.
    static func document(
        _ name: String,
        kind: PolicyKind,
        statements: Int = 1,
        conditions: Int = 0,
        _ json: String
    ) -> Self {
        GuideExample(name: name, kind: kind, json: json, statementCount: statements, conditionCount: conditions)
    }
}
