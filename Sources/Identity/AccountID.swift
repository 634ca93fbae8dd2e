/// A twelve-digit AWS account id.
public struct AccountID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Parses an account id; nil unless it is exactly twelve ASCII digits.
    public init?(_ rawValue: String) {
        guard rawValue.utf8.count == 12, rawValue.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    /// The account every fresh Arca has, whose root credentials are `test` / `test`.
    public static let `default` = AccountID("000000000000")!

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let id = AccountID(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "an account id is twelve digits"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
