/// The `Principal` or `NotPrincipal` element of a statement.
///
/// `<principal_block> = ("Principal" | "NotPrincipal") : ("*" | <principal_map>)`
/// (IAM JSON policy grammar).
public struct PolicyPrincipalBlock: Sendable, Equatable {
    public enum Element: String, Sendable, Hashable {
        case principal = "Principal"
        case notPrincipal = "NotPrincipal"
    }

    /// Which of the two elements the statement used.
    public var element: Element
    public var principal: PolicyPrincipal

    public init(_ element: Element, _ principal: PolicyPrincipal) {
        self.element = element
        self.principal = principal
    }

    /// `true` for `NotPrincipal`, whose statement applies to everyone the element does not name.
    public var isNegated: Bool { element == .notPrincipal }
}

/// Who a principal element names: everyone, or a map from principal type to identifiers.
///
/// "For anonymous users, the following elements are equivalent: `"Principal": "*"` and
/// `"Principal": { "AWS" : "*" }`" (IAM JSON policy elements: Principal); the two spellings are
/// kept apart here so the document reads back as written.
public enum PolicyPrincipal: Sendable, Equatable {
    /// `"Principal": "*"`.
    case anyone
    /// `<principal_map> = { <principal_map_entry>, <principal_map_entry>, ... }`, in document order.
    case specified([PolicyPrincipalEntry])

    /// Every `AWS` and `Service` identifier, classified; `Federated` and `CanonicalUser` are left out.
    public var identities: [PolicyPrincipalIdentity] {
        switch self {
        case .anyone:
            return [.anyone]
        case .specified(let entries):
            return entries.flatMap { entry -> [PolicyPrincipalIdentity] in
                switch entry.type {
                case .aws: entry.values.compactMap(PolicyPrincipalIdentity.init(aws:))
                case .service: entry.values.compactMap(PolicyPrincipalIdentity.init(service:))
                case .federated, .canonicalUser: []
                }
            }
        }
    }
}

/// One entry of a principal map: a principal type and its identifiers.
///
/// `<principal_map_entry> = ("AWS" | "Federated" | "Service" | "CanonicalUser") :
/// [<principal_id_string>, <principal_id_string>, ...]` (IAM JSON policy grammar).
public struct PolicyPrincipalEntry: Sendable, Equatable {
    public var type: PolicyPrincipalType
    /// The identifiers exactly as written; a single string is read as a one-element list.
    public var values: [String]

    public init(_ type: PolicyPrincipalType, _ values: [String]) {
        self.type = type
        self.values = values
    }
}

/// The four principal types of the policy grammar.
public enum PolicyPrincipalType: String, Sendable, Hashable, CaseIterable {
    /// AWS accounts, IAM users and roles, assumed-role sessions, or `*`.
    case aws = "AWS"
    /// AWS service principals such as `ses.amazonaws.com`.
    case service = "Service"
    /// Web identity or SAML identity providers.
    case federated = "Federated"
    /// Amazon S3 canonical user IDs.
    case canonicalUser = "CanonicalUser"
}
