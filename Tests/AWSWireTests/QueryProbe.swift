@testable import AWSWire

/// A schema with every shape kind, the same as the `synthetic` model of
/// `contract/botocore_contract.py`, whose request bodies the query tests decode.
enum QueryProbe {
    static let item: ShapeSchema = .structure([
        .init("Key", .string()),
        .init("Values", .list(.string())),
        .init("Labels", .map(key: .string(), value: .string())),
    ])

    static let schema: ShapeSchema = .structure([
        .init("Name", .string()),
        .init("Flag", .boolean()),
        .init("Count", .integer()),
        .init("Ratio", .double()),
        .init("When", .timestamp()),
        .init("Data", .blob()),
        .init("Names", .list(.string())),
        .init("Items", .list(item)),
        .init("Attributes", .map(key: .string(), value: .string())),
        .init("Nested", .structure([
            .init("Inner", item),
            .init("Groups", .list(.list(item))),
        ])),
    ])

    static func strings(_ values: String...) -> JSONValue { .array(values.map(JSONValue.string)) }

    static func item(_ key: String) -> JSONValue { .object(["Key": .string(key)]) }
}
