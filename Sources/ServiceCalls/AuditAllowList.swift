/// What of a request or an answer an audit record may keep, beyond what the model itself says
/// is safe.
///
/// A record keeps a member only if the service model allows it: never a member marked
/// sensitive, never a blob, always numbers, booleans, timestamps and enum values, and free text
/// only for the member names listed here (identifiers, names, descriptions, policies). Anything
/// else — a message body, a token, a member the model does not declare — is left out, so a new
/// operation cannot leak by omission.
public struct AuditAllowList: Sendable {
    /// Member names whose string values (or list elements, or map values) may be recorded.
    public var textMembers: Set<String>

    public init(textMembers: Set<String>) {
        self.textMembers = textMembers
    }

    public static let nothing = AuditAllowList(textMembers: [])
}
