import AccessPolicy
import Testing

/// Small policy documents for tests that change one thing at a time.
enum Policy {
    /// A valid key policy statement: the account root may do everything with the key.
    static let rootStatement = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}"#

    /// A document whose `Statement` list holds the given statement objects.
    static func document(_ statements: String...) -> String {
        #"{"Version": "2012-10-17", "Statement": ["# + statements.joined(separator: ", ") + "]}"
    }
}

/// Expects `json` to be refused as a policy of `kind` with exactly `message`.
func expectRejected(
    _ json: String,
    as kind: PolicyKind = .resourceBased,
    _ message: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(throws: PolicyDocumentError(message: message), sourceLocation: sourceLocation) {
        try PolicyDocument(json: json, kind: kind)
    }
}

/// Parses a document holding one statement and returns that statement.
func parseSingleStatement(
    _ statement: String,
    as kind: PolicyKind = .resourceBased,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> PolicyStatement {
    let document = try PolicyDocument(json: Policy.document(statement), kind: kind)
    return try #require(document.statements.first, sourceLocation: sourceLocation)
}
