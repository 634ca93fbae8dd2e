import AWSWire
import Foundation
import Identity

/// AddPermission and RemovePermission: statements of the queue policy, one per label.
///
/// "AddPermission generates a policy for you. You can use SetQueueAttributes to upload your
/// policy." (AddPermission) AWS writes a statement per label into the queue's policy, creating
/// the policy when there is none (recorded from AWS):
///
///     {"Version": "2008-10-17", "Id": "<queue ARN>/SQSDefaultPolicy", "Statement": [
///       {"Sid": "<label>", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::<account>:root"},
///        "Action": "SQS:ReceiveMessage", "Resource": "<queue ARN>"}]}
///
/// with a list where several accounts or actions are given. RemovePermission deletes the
/// statement; a policy left without statements is removed.
public enum QueuePermissions {
    /// "Only you, the owner of the queue, can grant or deny permissions to the queue."
    /// (AddPermission) These are the actions a permission may grant; the others are those to
    /// which "cross-account permissions don't apply" (Amazon SQS Developer Guide, Limitations of
    /// Amazon SQS custom policies), which stay the owner's.
    static let grantableActions: Set<String> = [
        "*", "ChangeMessageVisibility", "DeleteMessage", "GetQueueAttributes", "GetQueueUrl",
        "ListDeadLetterSourceQueues", "PurgeQueue", "ReceiveMessage", "SendMessage",
    ]

    /// "You can specify up to 7 actions" in one permission (OverLimit beyond).
    static let maximumActions = 7

    /// The policy with a statement for `label` added.
    public static func adding(label: String, accounts: [String], actions: [String], to policy: String?,
                              queueARN: String, operationNames: Set<String>) throws(SQSError) -> String {
        try checkLabel(label)
        guard !actions.isEmpty else { throw SQSError.missingParameter("ActionName") }
        guard actions.count <= maximumActions else {
            throw SQSError(.overLimit, "\(actions.count) Actions were found, maximum allowed is \(maximumActions).")
        }
        for action in actions where !grantableActions.contains(action) {
            throw SQSError.invalidParameterValue("SQS:\(action)", parameter: "ActionName", reason: operationNames.contains(action)
                ? "Only the queue owner is allowed to invoke this action."
                : "Please refer to the appropriate WSDL for a list of valid actions.")
        }
        guard !accounts.isEmpty else { throw SQSError.missingParameter("AWSAccountIds") }
        for account in accounts where AccountID(account) == nil {
            throw SQSError.invalidParameterValue(account, parameter: "PrincipalId", reason: "Unable to verify.")
        }
        var document = StoredPolicy(policy)
        if document.statements.contains(where: { $0.sid == label }) {
            // Recorded from AWS.
            throw SQSError.invalidParameterValue(label, parameter: "Label", reason: "Already exists.")
        }
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.member("Sid", label)
        writer.member("Effect", "Allow")
        writer.key("Principal")
        writer.beginObject()
        writer.key("AWS")
        writeOneOrMany(accounts.map { "arn:aws:iam::\($0):root" }, to: &writer)
        writer.endObject()
        writer.key("Action")
        writeOneOrMany(actions.map { "SQS:\($0)" }, to: &writer)
        writer.member("Resource", queueARN)
        writer.endObject()
        document.statements.append(StoredPolicy.Statement(sid: label, json: String(decoding: writer.bytes, as: UTF8.self)))
        return document.render(queueARN: queueARN)
    }

    /// The policy without the statement for `label`; nil when no statement is left.
    public static func removing(label: String, from policy: String?, queueARN: String) throws(SQSError) -> String? {
        var document = StoredPolicy(policy)
        guard let index = document.statements.firstIndex(where: { $0.sid == label }) else {
            // Recorded from AWS.
            throw SQSError.invalidParameterValue(label, parameter: "Label", reason: "can't find label.")
        }
        document.statements.remove(at: index)
        return document.statements.isEmpty ? nil : document.render(queueARN: queueARN)
    }

    /// "Maximum 80 characters. Allowed characters include alphanumeric characters, hyphens (-),
    /// and underscores (_)." (AddPermission, Label)
    static func checkLabel(_ label: String) throws(SQSError) {
        guard !label.isEmpty, label.utf8.count <= 80, label.utf8.allSatisfy(QueueName.isNameByte) else {
            throw SQSError.invalidParameterValue(label, parameter: "Label", reason:
                "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length")
        }
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

/// A queue policy as AddPermission and RemovePermission edit it: its members other than
/// `Statement`, kept as they are, and its statements, each as JSON text.
private struct StoredPolicy {
    struct Statement {
        var sid: String?
        var json: String
    }

    /// Nil for a queue without a policy, which gets AWS's `Version` and `Id`.
    var members: [String: JSONValue]?
    var statements: [Statement] = []

    init(_ policy: String?) {
        // A stored policy was validated when it was set.
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

    func render(queueARN: String) -> String {
        var writer = JSONWriter(capacity: 256 + statements.reduce(0) { $0 + $1.json.utf8.count })
        writer.beginObject()
        if let members {
            for key in members.keys.sorted() {
                writer.key(key)
                members[key]!.write(to: &writer)
            }
        } else {
            writer.member("Version", "2008-10-17")
            writer.member("Id", "\(queueARN)/SQSDefaultPolicy")
        }
        writer.key("Statement")
        writer.beginArray()
        for statement in statements { writer.raw(statement.json) }
        writer.endArray()
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
