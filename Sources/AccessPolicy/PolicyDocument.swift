/// Which kind of policy a document is, which decides whether it names its principals.
public enum PolicyKind: Sendable, Hashable {
    /// A policy attached to a resource, such as a KMS key policy: every statement names a principal.
    ///
    /// "Principal – (Required) The principal is the identity that the permissions in the policy
    /// statement apply to." (KMS Developer Guide, Overview of Key Policies)
    case resourceBased
    /// A policy attached to an IAM identity: the identity is the implicit principal.
    ///
    /// "In an IAM policy, you don't specify a principal. Instead, the identity (the IAM user, group,
    /// or role) that the policy is attached to is the implicit principal." (KMS Developer Guide,
    /// Specifying Permissions in a Policy)
    case identityBased
}

/// The policy language version named by a document's `Version` element.
///
/// `<version_block> = "Version" : ("2008-10-17" | "2012-10-17")` (IAM JSON policy grammar).
public enum PolicyVersion: String, Sendable, Hashable, CaseIterable {
    /// The current language; the only one in which policy variables such as `${aws:username}` work.
    case v2012_10_17 = "2012-10-17"
    /// The original language, assumed by IAM when a document has no `Version` element.
    case v2008_10_17 = "2008-10-17"
}

/// A parsed and validated IAM JSON policy document.
///
/// `policy = { <version_block?> <id_block?> <statement_block> }` (IAM JSON policy grammar).
///
/// A KMS key policy is a `.resourceBased` document. The KMS Developer Guide ("Overview of Key
/// Policies") says: "A key policy document must have a `Version` element. We recommend setting the
/// version to 2012-10-17 (the latest version). In addition, a key policy document must have one or
/// more statements, and each statement consists of up to six elements". `Version` stays optional
/// here, as in the grammar (`<version_block?>`); whether KMS insists on it is for the KMS layer.
///
/// - Important: Limits on the document text are the caller's concern and are not checked here.
///   For KMS: "The policy size limit is 32 KiB (32768 bytes)." (KMS Developer Guide, Setting a Key
///   Policy); the current botocore model allows up to 131072 characters matching
///   `[\u0009\u000A\u000D\u0020-\u00FF]+`, and "If the key policy exceeds the length constraint,
///   KMS returns a `LimitExceededException`."
public struct PolicyDocument: Sendable, Equatable {
    /// The `Version` element, or `nil` when the document has none.
    public var version: PolicyVersion?
    /// The optional `Id` element, as written.
    public var id: String?
    /// The statements in document order; never empty for a parsed document.
    public var statements: [PolicyStatement]

    public init(version: PolicyVersion?, id: String? = nil, statements: [PolicyStatement]) {
        self.version = version
        self.id = id
        self.statements = statements
    }

    /// Parses `json` and validates it as a policy of the given kind.
    ///
    /// Rejects invalid JSON, duplicate keys anywhere in the document, unknown elements, and every
    /// statement that breaks the grammar or the rules of `kind`; the first problem found, in
    /// document order, is the one reported.
    public init(json: String, kind: PolicyKind) throws(PolicyDocumentError) {
        let value: PolicyJSONValue
        do {
            value = try PolicyJSONValue(parsing: json)
        } catch {
            throw .invalidJSON(error)
        }
        self = try PolicyDocumentDecoder(kind: kind).decodeDocument(value)
    }
}
