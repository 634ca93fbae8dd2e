/// An alias name: `alias/` followed by letters, digits, `/`, `_`, `-` and `:`.
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
