/// An alias name: `alias/` followed by letters, digits, `/`, `_` and `-`.
///
/// The wire model allows `:` as well (`^[a-zA-Z0-9:/_-]+$`), but AWS refuses it in an alias it
/// creates or updates: the name is `"alias/[a-zA-Z0-9/_-]+"`, "An alias name can contain only
/// alphanumeric characters, forward slashes, underscores, and dashes" (kms-developer-guide.md,
/// CreateAlias and UpdateAlias examples). A name that only identifies a key is read as given: an
/// unknown name is simply not found.
public struct AliasName: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Names under `alias/aws/` belong to AWS managed keys and cannot be created, changed or deleted.
    public var isAWSManaged: Bool { rawValue.hasPrefix("alias/aws/") }

    public init(_ rawValue: String) throws(KMSError) {
        guard rawValue.hasPrefix("alias/") else {
            throw KMSError(.validation, "Alias must start with the prefix \"alias/\". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html")
        }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
}
