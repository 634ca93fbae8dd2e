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
        /// The member's name in query parameters and XML when the model gives it another one
        /// (`locationName`): SQS's `Attributes` is `Attribute.1.Name` on the query wire.
        public var queryName: String?

        public init(_ name: String, _ schema: ShapeSchema, required: Bool = false, queryName: String? = nil) {
            self.name = name
            self.pathName = name.first.map { $0.lowercased() + name.dropFirst() } ?? name
            self.schema = schema
            self.required = required
            self.queryName = queryName
        }

        /// The name of the member's parameters and elements on the query wire. A flattened
        /// list whose member has a name of its own goes by that name (botocore's
        /// `_member_key_name`): SQS's `AttributeNames` is `AttributeName.1`.
        public var queryKey: String {
            if case .list = schema.kind, let names = schema.queryNames, names.flattened, let member = names.member {
                return member
            }
            return queryName ?? name
        }
    }

    /// How the query protocol and XML spell a list or a map, when not in the default
    /// `Name.member.N` / `Name.entry.N.key` form: flattened (`Name.N`, repeated elements without
    /// a wrapper) and with their own member, key and value names.
    public struct QueryNames: Sendable, Equatable {
        public var flattened: Bool
        /// The list member's name (`member` by default).
        public var member: String?
        /// The map key's and value's names (`key` and `value` by default).
        public var key: String?
        public var value: String?

        public init(flattened: Bool = false, member: String? = nil, key: String? = nil, value: String? = nil) {
            self.flattened = flattened
            self.member = member
            self.key = key
            self.value = value
        }
    }

    public var kind: Kind
    public var min: Int?
    public var max: Int?
    public var pattern: ShapePattern?
    public var enumValues: [String]?
    /// Sensitive values (plaintext, key material) are never echoed in a validation message.
    public var sensitive: Bool
    /// The query and XML spelling of a list or a map, when not the default.
    public var queryNames: QueryNames?

    public init(kind: Kind, min: Int? = nil, max: Int? = nil, pattern: String? = nil,
                enumValues: [String]? = nil, sensitive: Bool = false, queryNames: QueryNames? = nil) {
        self.queryNames = queryNames
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

    public static func list(_ member: ShapeSchema, min: Int? = nil, max: Int? = nil, sensitive: Bool = false,
                            queryNames: QueryNames? = nil) -> ShapeSchema {
        ShapeSchema(kind: .list(member), min: min, max: max, sensitive: sensitive, queryNames: queryNames)
    }

    public static func map(key: ShapeSchema, value: ShapeSchema, min: Int? = nil, max: Int? = nil,
                           sensitive: Bool = false, queryNames: QueryNames? = nil) -> ShapeSchema {
        ShapeSchema(kind: .map(key: key, value: value), min: min, max: max, sensitive: sensitive, queryNames: queryNames)
    }

    public static func structure(_ members: [Member], sensitive: Bool = false) -> ShapeSchema {
        ShapeSchema(kind: .structure(members), sensitive: sensitive)
    }
}

/// A type that is one structure of an AWS service model, with its declared constraints.
public protocol AWSShape: Codable, Sendable, JSONReadable, JSONWritable {
    static var schema: ShapeSchema { get }
}
