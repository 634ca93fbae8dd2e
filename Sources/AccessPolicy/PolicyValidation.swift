/// Turns a parsed JSON value into a `PolicyDocument`, enforcing the grammar and the rules of a kind.
///
/// Checks run in document order and stop at the first failure, so a document with several
/// problems always reports the same one.
struct PolicyDocumentDecoder {
    let kind: PolicyKind

    /// `policy = { <version_block?> <id_block?> <statement_block> }` (IAM JSON policy grammar).
    static let documentElements: Set<String> = ["Version", "Id", "Statement"]

    /// The six statement blocks of the grammar, each with its `Not` form where one exists.
    static let statementElements: Set<String> = [
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    ]

    func decodeDocument(_ value: PolicyJSONValue) throws(PolicyDocumentError) -> PolicyDocument {
        guard case .object(let object) = value else { throw .documentNotAnObject }
        try checkKeys(of: object, allowed: Self.documentElements, unknown: PolicyDocumentError.unknownDocumentElement)
        let version = try decodeVersion(object["Version"])
        let id = try optionalString(object["Id"], element: "Id")
        let statementObjects = try statementList(object["Statement"])

        var statements: [PolicyStatement] = []
        var sids = Set<String>()
        for statementObject in statementObjects {
            let statement = try decodeStatement(statementObject)
            // "In IAM, the Sid value must be unique within a JSON policy." (IAM JSON policy elements: Sid)
            if let sid = statement.sid, !sid.isEmpty, !sids.insert(sid).inserted {
                throw .duplicateSid
            }
            statements.append(statement)
        }
        return PolicyDocument(version: version, id: id, statements: statements)
    }

    func decodeStatement(_ object: PolicyJSONObject) throws(PolicyDocumentError) -> PolicyStatement {
        try checkKeys(of: object, allowed: Self.statementElements, unknown: PolicyDocumentError.unknownStatementElement)
        return PolicyStatement(
            sid: try optionalString(object["Sid"], element: "Sid"),
            effect: try decodeEffect(object["Effect"]),
            principal: try decodePrincipalBlock(in: object),
            action: try decodeActionBlock(in: object),
            resource: try decodeResourceBlock(in: object),
            conditions: try decodeConditions(object["Condition"])
        )
    }

    // MARK: Document elements

    private func decodeVersion(_ value: PolicyJSONValue?) throws(PolicyDocumentError) -> PolicyVersion? {
        guard let value else { return nil }
        guard case .string(let text) = value, let version = PolicyVersion(rawValue: text) else {
            throw .invalidVersion
        }
        return version
    }

    /// `<statement_block> = "Statement" : [ <statement>, <statement>, ... ]`; a lone object is a
    /// one-statement list, as in the KMS Developer Guide's IAM policy examples.
    private func statementList(_ value: PolicyJSONValue?) throws(PolicyDocumentError) -> [PolicyJSONObject] {
        switch value {
        case nil:
            throw .missingStatement
        case .object(let statement):
            return [statement]
        case .array(let elements) where !elements.isEmpty:
            var statements: [PolicyJSONObject] = []
            for element in elements {
                guard case .object(let statement) = element else { throw .invalidStatementList }
                statements.append(statement)
            }
            return statements
        default:
            throw .invalidStatementList
        }
    }

    private func decodeEffect(_ value: PolicyJSONValue?) throws(PolicyDocumentError) -> PolicyEffect {
        guard let value else { throw .missingEffect }
        guard case .string(let text) = value, let effect = PolicyEffect(rawValue: text) else {
            throw .invalidEffect
        }
        return effect
    }

    // MARK: Shared helpers

    /// Refuses a duplicate key first, then the first key outside `allowed`.
    ///
    /// - Important: Duplicates are refused rather than resolved, because JSON parsers disagree on
    ///   whether the first or the last one wins, and a reviewer may read the other one.
    func checkKeys(
        of object: PolicyJSONObject,
        allowed: Set<String>,
        unknown: (String) -> PolicyDocumentError
    ) throws(PolicyDocumentError) {
        if let duplicate = object.firstDuplicateKey {
            throw .duplicateKey(duplicate)
        }
        if let stranger = object.keys.first(where: { !allowed.contains($0) }) {
            throw unknown(stranger)
        }
    }

    /// The element and value of whichever of `positive` or `negative` is present, refusing both.
    func pick(
        _ positive: String,
        or negative: String,
        in object: PolicyJSONObject
    ) throws(PolicyDocumentError) -> (isNegative: Bool, value: PolicyJSONValue)? {
        switch (object[positive], object[negative]) {
        case (.some, .some): throw .conflictingElements(positive, negative)
        case (.some(let value), nil): return (false, value)
        case (nil, .some(let value)): return (true, value)
        case (nil, nil): return nil
        }
    }

    func optionalString(_ value: PolicyJSONValue?, element: String) throws(PolicyDocumentError) -> String? {
        guard let value else { return nil }
        guard case .string(let text) = value else { throw .elementMustBeString(element) }
        return text
    }

    /// A string, or a non-empty array of strings, as a list; `nil` for anything else.
    func stringList(_ value: PolicyJSONValue) -> [String]? {
        switch value {
        case .string(let text):
            return [text]
        case .array(let elements) where !elements.isEmpty:
            var strings: [String] = []
            for element in elements {
                guard case .string(let text) = element else { return nil }
                strings.append(text)
            }
            return strings
        default:
            return nil
        }
    }
}
