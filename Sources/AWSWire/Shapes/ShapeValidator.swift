/// Checks a parsed request against the declared constraints of its shape, as AWS's front end does.
///
/// A member of the wrong JSON type is a ``AWSRequestError/serialization(_:)``; a constraint the
/// value breaks is one line of a ``AWSRequestError/validation(_:)`` message, worded as AWS words it:
/// `1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member
/// must have value greater than or equal to 1`. Sensitive and binary values are never echoed.
public struct ShapeValidator: Sendable {
    public init() {}

    public func validate(_ value: JSONValue, against schema: ShapeSchema) throws(AWSRequestError) {
        var failures: [String] = []
        try check(value, schema, path: "", failures: &failures)
        guard !failures.isEmpty else { return }
        let count = failures.count
        let noun = count == 1 ? "validation error" : "validation errors"
        throw .validation("\(count) \(noun) detected: " + failures.joined(separator: "; "))
    }

    private func check(_ value: JSONValue, _ schema: ShapeSchema, path: String,
                       failures: inout [String]) throws(AWSRequestError) {
        switch (schema.kind, value) {
        case (_, .null):
            return
        case (.structure(let members), .object(let fields)):
            for member in members {
                let memberPath = path.isEmpty ? member.pathName : path + "." + member.pathName
                guard let field = fields[member.name], field != .null else {
                    if member.required {
                        failures.append("Value null at '\(memberPath)' failed to satisfy constraint: Member must not be null")
                    }
                    continue
                }
                try check(field, member.schema, path: memberPath, failures: &failures)
            }
        case (.string, .string(let string)):
            let shown = schema.sensitive ? nil : string
            if let values = schema.enumValues, !values.contains(string) {
                fail(shown, path, "Member must satisfy enum value set: [\(values.joined(separator: ", "))]", &failures)
            }
            checkLength(string.utf16.count, shown, schema, path, &failures)
            if let pattern = schema.pattern, !pattern.matches(string) {
                fail(shown, path, "Member must satisfy regular expression pattern: \(pattern.source)", &failures)
            }
        case (.blob, .string(let base64)):
            checkLength(Self.decodedLength(ofBase64: base64), nil, schema, path, &failures)
        case (.boolean, .bool):
            return
        case (.integer, .number(let number)):
            guard number.rounded() == number, abs(number) < 9.2e18 else {
                throw .serialization("Expected an integer at '\(path)'")
            }
            checkRange(number, schema, path, &failures)
        case (.double, .number(let number)):
            checkRange(number, schema, path, &failures)
        case (.timestamp, .number):
            return
        case (.list(let member), .array(let items)):
            checkLength(items.count, schema.sensitive ? nil : value.validationRendering, schema, path, &failures)
            for (index, item) in items.enumerated() {
                try check(item, member, path: "\(path).\(index + 1).member", failures: &failures)
            }
        case (.map(let key, let valueSchema), .object(let fields)):
            checkLength(fields.count, schema.sensitive ? nil : value.validationRendering, schema, path, &failures)
            for (name, field) in fields.sorted(by: { $0.key < $1.key }) {
                try check(.string(name), key, path: path, failures: &failures)
                try check(field, valueSchema, path: path, failures: &failures)
            }
        default:
            throw .serialization(Self.mismatch(expected: schema.kind, path: path))
        }
    }

    private func checkLength(_ length: Int, _ shown: String?, _ schema: ShapeSchema, _ path: String,
                             _ failures: inout [String]) {
        if let min = schema.min, length < min {
            fail(shown, path, "Member must have length greater than or equal to \(min)", &failures)
        }
        if let max = schema.max, length > max {
            fail(shown, path, "Member must have length less than or equal to \(max)", &failures)
        }
    }

    private func checkRange(_ number: Double, _ schema: ShapeSchema, _ path: String, _ failures: inout [String]) {
        let shown = JSONValue.number(number).validationRendering
        if let min = schema.min, number < Double(min) {
            fail(shown, path, "Member must have value greater than or equal to \(min)", &failures)
        }
        if let max = schema.max, number > Double(max) {
            fail(shown, path, "Member must have value less than or equal to \(max)", &failures)
        }
    }

    private func fail(_ shown: String?, _ path: String, _ constraint: String, _ failures: inout [String]) {
        let value = shown.map { "Value '\($0)' at" } ?? "Value at"
        failures.append("\(value) '\(path)' failed to satisfy constraint: \(constraint)")
    }

    /// The number of bytes a base64 string decodes to, without decoding it.
    static func decodedLength(ofBase64 string: String) -> Int {
        let utf8 = string.utf8
        var padding = 0
        if utf8.last == UInt8(ascii: "=") { padding += 1 }
        if utf8.dropLast().last == UInt8(ascii: "="), padding == 1 { padding += 1 }
        return Swift.max(0, utf8.count / 4 * 3 + (utf8.count % 4 == 0 ? 0 : utf8.count % 4 - 1) - padding)
    }

    private static func mismatch(expected: ShapeSchema.Kind, path: String) -> String {
        let name: String
        switch expected {
        case .string, .blob: name = "a string"
        case .boolean: name = "a boolean"
        case .integer, .double, .timestamp: name = "a number"
        case .list: name = "a list"
        case .map, .structure: name = "an object"
        }
        return path.isEmpty ? "Expected an object as the request body" : "Expected \(name) at '\(path)'"
    }
}
