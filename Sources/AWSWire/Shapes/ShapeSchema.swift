/// The declared constraints of one shape of an AWS service model.
///
/// Generated code builds these from the botocore model (`scripts/generate-shapes.py`); the
/// ``ShapeValidator`` checks a request against them before it is decoded, so every validation
/// message is derived from a declared constraint and none is typed by hand in a handler.
public struct ShapeSchema: Sendable {
    public indirect enum Kind: Sendable {
        case string, blob, boolean, integer, double, timestamp
        case list(ShapeSchema)
        case map(key: ShapeSchema, value: ShapeSchema)
        case structure([Member])
    }

    /// One member of a structure, by its wire name.
    public struct Member: Sendable {
        public var name: String
        /// The name as validation messages spell it: `keyId` for `KeyId`.
        public let pathName: String
        public var schema: ShapeSchema
        public var required: Bool

        public init(_ name: String, _ schema: ShapeSchema, required: Bool = false) {
            self.name = name
            self.pathName = name.first.map { $0.lowercased() + name.dropFirst() } ?? name
            self.schema = schema
            self.required = required
        }
    }

    public var kind: Kind
    public var min: Int?
    public var max: Int?
    public var pattern: ShapePattern?
    public var enumValues: [String]?
    /// Sensitive values (plaintext, key material) are never echoed in a validation message.
    public var sensitive: Bool

    public init(kind: Kind, min: Int? = nil, max: Int? = nil, pattern: String? = nil,
                enumValues: [String]? = nil, sensitive: Bool = false) {
        self.kind = kind
        self.min = min
        self.max = max
        self.pattern = pattern.map(ShapePattern.init)
        self.enumValues = enumValues
        self.sensitive = sensitive
    }

    public static func string(min: Int? = nil, max: Int? = nil, pattern: String? = nil,
                              enumValues: [String]? = nil, sensitive: Bool = false) -> ShapeSchema {
        ShapeSchema(kind: .string, min: min, max: max, pattern: pattern, enumValues: enumValues, sensitive: sensitive)
    }

    public static func blob(min: Int? = nil, max: Int? = nil, sensitive: Bool = false) -> ShapeSchema {
        ShapeSchema(kind: .blob, min: min, max: max, sensitive: sensitive)
    }

    public static func integer(min: Int? = nil, max: Int? = nil) -> ShapeSchema {
        ShapeSchema(kind: .integer, min: min, max: max)
    }

    public static func double(min: Int? = nil, max: Int? = nil) -> ShapeSchema {
        ShapeSchema(kind: .double, min: min, max: max)
    }

    public static func boolean() -> ShapeSchema { ShapeSchema(kind: .boolean) }

    public static func timestamp() -> ShapeSchema { ShapeSchema(kind: .timestamp) }

    public static func list(_ member: ShapeSchema, min: Int? = nil, max: Int? = nil, sensitive: Bool = false) -> ShapeSchema {
        ShapeSchema(kind: .list(member), min: min, max: max, sensitive: sensitive)
    }

    public static func map(key: ShapeSchema, value: ShapeSchema, min: Int? = nil, max: Int? = nil,
                           sensitive: Bool = false) -> ShapeSchema {
        ShapeSchema(kind: .map(key: key, value: value), min: min, max: max, sensitive: sensitive)
    }

    public static func structure(_ members: [Member], sensitive: Bool = false) -> ShapeSchema {
        ShapeSchema(kind: .structure(members), sensitive: sensitive)
    }
}

/// A type that is one structure of an AWS service model, with its declared constraints.
public protocol AWSShape: Codable, Sendable, JSONReadable, JSONWritable {
    static var schema: ShapeSchema { get }
}
