/// Writes the XML body of a query-protocol answer from the JSON form of its output shape.
///
/// "The `awsQuery` protocol serializes XML responses within an XML root node with the name of the
/// operation's output suffixed with `Response`. A nested element, with the name of the operation's
/// output suffixed with `Result`, contains the contents of the successful response. A nested
/// element named `ResponseMetadata` contains a nested element named `RequestId`" (Smithy, AWS
/// query protocol). The root carries the service's `xmlNamespace` as `xmlns`.
///
/// Members follow the Smithy XML shape serialization: a structure member is an element named
/// after it, in the model's order; "each value provided in the list is serialized as a nested
/// XML element with the name `member`"; "each key-value pair provided in the map is serialized in
/// a nested XML element with the name `entry` that contains nested elements `key` and `value`"
/// (written in key order, so answers are reproducible); booleans are `true`/`false`; timestamps
/// are `date-time` (`2026-11-24T18:40:00Z`); blobs stay base64. Names and flattening a model
/// declares (``ShapeSchema/QueryNames``) are honoured as botocore's XML parser reads them: a
/// flattened list is its elements repeated under the member's name, a flattened map its entries
/// repeated under the member's name, each with its key and value. Absent and null members are left
/// out, and so is a value whose JSON kind does not match its schema: the JSON comes from the
/// shape's own generated writer, so a mismatch is a bug the caller's tests catch, not input.
public enum AWSQueryResponseWriter {
    /// The whole answer; `result` nil leaves out `<{action}Result>`, as for an operation whose
    /// model declares no output. A present result is always written, even with no members,
    /// because clients look the element up by name.
    public static func write(action: String, result: (value: JSONValue, schema: ShapeSchema)?,
                             namespace: String, requestID: String) -> [UInt8] {
        var xml = XMLWriter()
        xml.open(action + "Response", namespace: namespace)
        if let result {
            xml.open(action + "Result")
            if case .structure(let members) = result.schema.kind, case .object(let fields) = result.value {
                writeMembers(members, of: fields, to: &xml)
            }
            xml.close(action + "Result")
        }
        xml.open("ResponseMetadata")
        xml.element("RequestId", text: requestID)
        xml.close("ResponseMetadata")
        xml.close(action + "Response")
        return xml.bytes
    }

    /// The members of a structure, each as an element named after it, in the model's order.
    static func writeMembers(_ members: [ShapeSchema.Member], of fields: [String: JSONValue], to xml: inout XMLWriter) {
        for member in members {
            guard let value = fields[member.name], value != .null else { continue }
            write(value, member.schema, named: member.queryKey, to: &xml)
        }
    }

    private static func write(_ value: JSONValue, _ schema: ShapeSchema, named name: String, to xml: inout XMLWriter) {
        switch (schema.kind, value) {
        case (.structure(let members), .object(let fields)):
            xml.open(name)
            writeMembers(members, of: fields, to: &xml)
            xml.close(name)
        case (.list(let element), .array(let items)):
            let names = schema.queryNames ?? ShapeSchema.QueryNames()
            if names.flattened {
                for item in items where item != .null { write(item, element, named: name, to: &xml) }
                return
            }
            xml.open(name)
            for item in items where item != .null {
                write(item, element, named: names.member ?? "member", to: &xml)
            }
            xml.close(name)
        case (.map(let keySchema, let valueSchema), .object(let fields)):
            let names = schema.queryNames ?? ShapeSchema.QueryNames()
            if !names.flattened { xml.open(name) }
            for (key, item) in fields.sorted(by: { $0.key < $1.key }) where item != .null {
                let entry = names.flattened ? name : "entry"
                xml.open(entry)
                write(.string(key), keySchema, named: names.key ?? "key", to: &xml)
                write(item, valueSchema, named: names.value ?? "value", to: &xml)
                xml.close(entry)
            }
            if !names.flattened { xml.close(name) }
        case (.string, .string(let text)), (.blob, .string(let text)):
            xml.element(name, text: text)
        case (.boolean, .bool(let flag)):
            xml.element(name, text: flag ? "true" : "false")
        case (.integer, .number(let number)):
            guard let integer = Int64(exactly: number) else { return }
            xml.element(name, text: String(integer))
        case (.double, .number(let number)):
            xml.element(name, text: Self.text(of: number))
        case (.timestamp, .number(let seconds)):
            guard let text = AWSDateTime.format(seconds) else { return }
            xml.element(name, text: text)
        default:
            return
        }
    }

    /// Decimal text; the non-numeric values as the Smithy protocols spell them.
    private static func text(of number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }
}
