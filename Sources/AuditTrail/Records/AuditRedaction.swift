import AWSWire

/// What of a request and of its answer goes into a record: the parameters as CloudTrail writes
/// them (members in camelCase), never a secret.
///
/// Blob members and members the service model marks sensitive are left out wherever a schema
/// says so, and the members below wherever they appear: plaintext, ciphertexts, data keys, key
/// material, import tokens, signatures and credentials' secrets never reach a record.
public enum AuditRedaction {
    static let secretMembers: Set<String> = [
        "Plaintext", "CiphertextBlob", "SourceCiphertextBlob", "EncryptedKeyMaterial", "ImportToken", "PublicKey",
        "PrivateKeyPlaintext", "PrivateKeyCiphertextBlob", "CiphertextForRecipient", "SharedSecret", "Signature",
        "Message", "Mac", "GrantToken", "GrantTokens", "Recipient", "SecretAccessKey", "SessionToken", "Password",
        "KeyMaterial",
    ]

    /// The request or response as a record holds it; nil when nothing is left.
    public static func view(_ value: JSONValue, schema: ShapeSchema? = nil) -> JSONValue? {
        let redacted = redact(value, schema: schema)
        if case .object(let fields) = redacted, fields.isEmpty { return nil }
        return redacted
    }

    private static func redact(_ value: JSONValue, schema: ShapeSchema?) -> JSONValue {
        switch value {
        case .object(let fields):
            // A map's keys are data (an encryption context's, say) and stay as they are.
            if case .map(_, let valueSchema)? = schema?.kind {
                return .object(fields.mapValues { redact($0, schema: valueSchema) })
            }
            var members: [String: ShapeSchema] = [:]
            if case .structure(let declared)? = schema?.kind {
                for member in declared { members[member.name] = member.schema }
            }
            var kept: [String: JSONValue] = [:]
            for (name, field) in fields where !secretMembers.contains(name) {
                let memberSchema = members[name]
                if let memberSchema, memberSchema.sensitive { continue }
                if case .blob? = memberSchema?.kind { continue }
                kept[camelCase(name)] = redact(field, schema: memberSchema)
            }
            return .object(kept)
        case .array(let items):
            let element: ShapeSchema? = if case .list(let member)? = schema?.kind { member } else { nil }
            return .array(items.map { redact($0, schema: element) })
        default:
            return value
        }
    }

    /// `KeyId` → `keyId`; a leading acronym (`AWSAccountId`, `ARN`) is kept as it is.
    static func camelCase(_ name: String) -> String {
        guard let first = name.first, first.isUppercase else { return name }
        let second = name.dropFirst().first
        if let second, second.isUppercase { return name }
        return first.lowercased() + name.dropFirst()
    }
}
