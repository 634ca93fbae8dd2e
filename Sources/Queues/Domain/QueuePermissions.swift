import AWSWire
import Foundation
import Identity
import ServiceCalls

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
        var document = PermissionPolicy(policy)
        if document.contains(label: label) {
            // Recorded from AWS.
            throw SQSError.invalidParameterValue(label, parameter: "Label", reason: "Already exists.")
        }
        document.add(label: label, accounts: accounts, actions: actions.map { "SQS:\($0)" }, resource: queueARN)
        return document.render(version: "2008-10-17", id: "\(queueARN)/SQSDefaultPolicy")
    }

    /// The policy without the statement for `label`; nil when no statement is left.
    public static func removing(label: String, from policy: String?, queueARN: String) throws(SQSError) -> String? {
        var document = PermissionPolicy(policy)
        guard document.remove(label: label) else {
            // Recorded from AWS.
            throw SQSError.invalidParameterValue(label, parameter: "Label", reason: "can't find label.")
        }
        return document.isEmpty ? nil : document.render(version: "2008-10-17", id: "\(queueARN)/SQSDefaultPolicy")
    }

    /// "Maximum 80 characters. Allowed characters include alphanumeric characters, hyphens (-),
    /// and underscores (_)." (AddPermission, Label)
    static func checkLabel(_ label: String) throws(SQSError) {
        guard !label.isEmpty, label.utf8.count <= 80, label.utf8.allSatisfy(QueueName.isNameByte) else {
            throw SQSError.invalidParameterValue(label, parameter: "Label", reason:
                "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length")
        }
    }
}
