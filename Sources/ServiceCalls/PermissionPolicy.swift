import AWSWire

/// A resource policy as AddPermission and RemovePermission edit it, for SQS queues and SNS
/// topics alike: its members other than `Statement`, kept as they are, and its statements, each
/// as JSON text, one per label (`Sid`).
///
/// Both services write the same statement for a label (recorded from AWS):
///
///     {"Sid": "<label>", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::<account>:root"},
///      "Action": "SQS:ReceiveMessage", "Resource": "<queue or topic ARN>"}
///
/// with a list where several accounts or actions are given.
public struct PermissionPolicy: Sendable {
    struct Statement: Sendable {
        var sid: String?
        var json: String
    }

    /// Nil for a resource without a policy, which gets the service's `Version` and `Id`.
    private var members: [String: JSONValue]?
    private var statements: [Statement] = []

    /// The policy as stored (validated when it was set), or none.
    public init(_ policy: String?) {
        guard let policy, case .object(let fields)? = try? JSONParser.parse(Array(policy.utf8)) else { return }
        members = fields.filter { $0.key != "Statement" }
        let items: [JSONValue]
        switch fields["Statement"] {
        case .array(let list)?: items = list
        case let single?: items = [single]
        case nil: items = []
        }
        statements = items.map { item in
            var sid: String?
            if case .object(let fields) = item, case .string(let value)? = fields["Sid"] { sid = value }
            return Statement(sid: sid, json: String(decoding: JSONWriter.encode(item), as: UTF8.self))
        }
    }

    public var isEmpty: Bool { statements.isEmpty }

    public func contains(label: String) -> Bool { statements.contains { $0.sid == label } }

    /// Adds the statement AddPermission writes for `label`: `actions` (spelled as the service
    /// spells them, `SQS:SendMessage`, `SNS:Publish`) allowed to the roots of `accounts`.
    public mutating func add(label: String, accounts: [String], actions: [String], resource: String) {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.member("Sid", label)
        writer.member("Effect", "Allow")
        writer.key("Principal")
        writer.beginObject()
        writer.key("AWS")
        Self.writeOneOrMany(accounts.map { "arn:aws:iam::\($0):root" }, to: &writer)
        writer.endObject()
        writer.key("Action")
        Self.writeOneOrMany(actions, to: &writer)
        writer.member("Resource", resource)
        writer.endObject()
        statements.append(Statement(sid: label, json: String(decoding: writer.bytes, as: UTF8.self)))
    }

    /// Removes the statement for `label`; whether there was one.
    public mutating func remove(label: String) -> Bool {
        guard let index = statements.firstIndex(where: { $0.sid == label }) else { return false }
        statements.remove(at: index)
        return true
    }

    /// The policy as JSON; a resource that had none gets `version` and `id`.
    public func render(version: String, id: String) -> String {
        var writer = JSONWriter(capacity: 256 + statements.reduce(0) { $0 + $1.json.utf8.count })
        writer.beginObject()
        if let members {
            for key in members.keys.sorted() {
                writer.key(key)
                members[key]!.write(to: &writer)
            }
        } else {
            writer.member("Version", version)
            writer.member("Id", id)
        }
        writer.key("Statement")
        writer.beginArray()
        for statement in statements { writer.raw(statement.json) }
        writer.endArray()
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private static func writeOneOrMany(_ values: [String], to writer: inout JSONWriter) {
        if values.count == 1 {
            writer.string(values[0])
        } else {
            writer.beginArray()
            for value in values { writer.string(value) }
            writer.endArray()
        }
    }
}
