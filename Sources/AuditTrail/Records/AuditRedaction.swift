import AWSWire
import ServiceCalls

/// What of a request and of its answer goes into a record: the parameters as CloudTrail writes
/// them (members in camelCase), and only what the service model and the service's
/// ``AuditAllowList`` allow.
///
/// A member is kept only if its shape says it is safe: never one marked sensitive, never a
/// blob (plaintext, ciphertexts, data keys, key material, signatures), never one the model does
/// not declare; numbers, booleans, timestamps and enum values always; free text only for the
/// member names the service allows. A message body is left out because nobody allowed it, not
/// because somebody remembered to forbid it.
public enum AuditRedaction {
    /// The request or response as a record holds it; nil when nothing is left.
    public static func view(_ value: JSONValue, schema: ShapeSchema, allowing allowList: AuditAllowList) -> JSONValue? {
        guard let kept = redact(value, schema: schema, member: nil, allowList: allowList) else { return nil }
        if case .object(let fields) = kept, fields.isEmpty { return nil }
        return kept
    }

    /// The value as recorded, or nil when none of it may be.
    private static func redact(_ value: JSONValue, schema: ShapeSchema, member: String?,
                               allowList: AuditAllowList) -> JSONValue? {
        if schema.sensitive { return nil }
        switch schema.kind {
        case .blob:
            return nil
        case .boolean, .integer, .double, .timestamp:
            return value
        case .string:
            if schema.enumValues != nil { return value }
            guard let member, allowList.textMembers.contains(member) else { return nil }
            return value
        case .list(let element):
            guard case .array(let items) = value else { return nil }
            let kept = items.compactMap { redact($0, schema: element, member: member, allowList: allowList) }
            return kept.isEmpty && !items.isEmpty ? nil : .array(kept)
        case .map(_, let valueSchema):
            // A map's keys are data (an encryption context's, say): kept with the map's values.
            guard case .object(let fields) = value else { return nil }
            var kept: [String: JSONValue] = [:]
            for (key, field) in fields {
                if let field = redact(field, schema: valueSchema, member: member, allowList: allowList) { kept[key] = field }
            }
            return kept.isEmpty && !fields.isEmpty ? nil : .object(kept)
        case .structure(let members):
            guard case .object(let fields) = value else { return nil }
            var kept: [String: JSONValue] = [:]
            for declared in members {
                guard let field = fields[declared.name], field != .null else { continue }
                if let field = redact(field, schema: declared.schema, member: declared.name, allowList: allowList) {
                    kept[camelCase(declared.name)] = field
                }
            }
            return .object(kept)
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
