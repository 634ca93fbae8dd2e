import Foundation

/// Builds the JSON form of an input shape from the flat parameters of a query request.
///
/// The result is what the same request would have been in AWS JSON, so the generated
/// `init(json:)` of the shape and the ``ShapeValidator`` serve both protocols unchanged. The
/// rules are the serialization rules of the Smithy AWS query protocol, as botocore's
/// `QuerySerializer` applies them:
///
/// - A structure member is the container's name, `.`, the member name: `PasswordPolicy.MinLength`.
/// - "Each value provided in the list is serialized as a separate key with a `.` separator, the
///   string `member`, a `.` separator, and a `1` indexed incrementing counter appended to the
///   container's key": `Tags.member.1.Key`. botocore sends an empty list as the bare name with an
///   empty value (`Tags=`); that decodes to `[]`.
/// - Map pairs are `Name.entry.N.key` and `Name.entry.N.value`.
/// - Booleans are `true` or `false`; numbers are their text (`NaN`, `Infinity` and `-Infinity`
///   for the non-numeric doubles); timestamps are RFC 3339 `date-time`, which decode to epoch
///   seconds as AWS JSON carries them; blobs are base64 and stay base64 text.
///
/// Parameters the shape does not declare are ignored, as AWS ignores them. A value that is not
/// of its member's type is a ``AWSRequestError/validation(_:)`` worded like the validator's
/// messages; sensitive and binary values are never echoed.
///
/// Models of services that name their parameters otherwise (SQS, SNS) carry the names in
/// ``ShapeSchema/QueryNames`` and ``ShapeSchema/Member/queryName``: a member goes by its
/// `locationName` (`Attribute` for SQS's `Attributes`); a flattened list is `Name.N`, under its
/// member's name when it has one (`AttributeName.1`); a flattened map is `Name.N.<key>` and
/// `Name.N.<value>` (`Attribute.1.Name`, `Attribute.1.Value`).
public struct AWSQueryDecoder: Sendable {
    public init() {}

    /// The JSON object of `schema` (a structure) that `parameters` describe.
    public func decode(_ parameters: AWSQueryParameters, as schema: ShapeSchema) throws(AWSRequestError) -> JSONValue {
        let tree = AWSQueryKeyTree(parameters.values)
        return try decode(tree, schema, path: "") ?? .object([:])
    }

    /// The value at `node`, or nil when nothing there is a value of this schema.
    private func decode(_ node: AWSQueryKeyTree, _ schema: ShapeSchema, path: String) throws(AWSRequestError) -> JSONValue? {
        switch schema.kind {
        case .structure(let members):
            var fields: [String: JSONValue] = [:]
            for member in members {
                guard let child = node[member.queryKey] else { continue }
                let memberPath = path.isEmpty ? member.pathName : path + "." + member.pathName
                if let value = try decode(child, member.schema, path: memberPath) {
                    fields[member.name] = value
                }
            }
            return .object(fields)
        case .list(let element):
            let names = schema.queryNames ?? ShapeSchema.QueryNames()
            if let members = names.flattened ? node : node[names.member ?? "member"], !members.indexedChildren.isEmpty || !names.flattened {
                var items: [JSONValue] = []
                for (position, item) in members.indexedChildren.enumerated() {
                    if let value = try decode(item, element, path: "\(path).\(position + 1).member") {
                        items.append(value)
                    }
                }
                return .array(items)
            }
            return try emptyAggregate(node, schema, path: path, as: .array([]))
        case .map(let keySchema, let valueSchema):
            let names = schema.queryNames ?? ShapeSchema.QueryNames()
            if let entries = names.flattened ? node : node["entry"], !entries.indexedChildren.isEmpty || !names.flattened {
                var fields: [String: JSONValue] = [:]
                for entry in entries.indexedChildren {
                    guard let key = entry[names.key ?? "key"]?.value,
                        let valueNode = entry[names.value ?? "value"], let value = try decode(valueNode, valueSchema, path: path)
                    else {
                        throw failure(nil, path, "Member must have a key and a value in every entry")
                    }
                    guard fields.updateValue(value, forKey: key) == nil else {
                        let shown = keySchema.sensitive || schema.sensitive ? nil : key
                        throw failure(shown, path, "Member must not repeat a key")
                    }
                }
                return .object(fields)
            }
            return try emptyAggregate(node, schema, path: path, as: .object([:]))
        default:
            guard let text = node.value else { return nil }
            return try scalar(text, schema, path: path)
        }
    }

    /// `Name=` with an empty value is an empty list or map; any other value is not one.
    private func emptyAggregate(_ node: AWSQueryKeyTree, _ schema: ShapeSchema, path: String,
                                as empty: JSONValue) throws(AWSRequestError) -> JSONValue? {
        guard let text = node.value else { return nil }
        guard text.isEmpty else {
            let expected = if case .list = schema.kind { "a list" } else { "a map" }
            throw failure(schema.sensitive ? nil : text, path, "Member must be \(expected)")
        }
        return empty
    }

    private func scalar(_ text: String, _ schema: ShapeSchema, path: String) throws(AWSRequestError) -> JSONValue {
        let shown = schema.sensitive ? nil : text
        switch schema.kind {
        case .string:
            return .string(text)
        case .boolean:
            switch text {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw failure(shown, path, "Member must be a boolean (true or false)")
            }
        case .integer:
            guard let value = Int64(text) else { throw failure(shown, path, "Member must be an integer") }
            return .number(Double(value))
        case .double:
            guard let value = Self.double(text) else { throw failure(shown, path, "Member must be a number") }
            return .number(value)
        case .timestamp:
            guard let seconds = AWSDateTime.parse(text) else {
                throw failure(shown, path, "Member must be a timestamp in ISO 8601 form (yyyy-MM-ddTHH:mm:ssZ)")
            }
            return .number(seconds)
        case .blob:
            guard Data(base64Encoded: text) != nil else { throw failure(nil, path, "Member must be base64-encoded") }
            return .string(text)
        case .list, .map, .structure:
            preconditionFailure("aggregates are decoded by decode(_:_:path:)")
        }
    }

    /// Decimal text, or one of the non-numeric values the Smithy protocols spell out.
    private static func double(_ text: String) -> Double? {
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            // Swift also reads `inf`, `nan` and hexadecimal floats; AWS's clients send none of them.
            let decimal = text.utf8.allSatisfy { byte in
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
                    || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
            }
            guard decimal, let value = Double(text), value.isFinite else { return nil }
            return value
        }
    }

    private func failure(_ shown: String?, _ path: String, _ constraint: String) -> AWSRequestError {
        let value = shown.map { "Value '\($0)' at" } ?? "Value at"
        return .validation("1 validation error detected: \(value) '\(path)' failed to satisfy constraint: \(constraint)")
    }
}
