import Identity
import ServiceCalls

/// AddPermission and RemovePermission: statements of the topic policy, one per label.
///
/// "Adds a statement to a topic's access control policy, granting access for the specified
/// Amazon Web Services accounts to the specified actions." (AddPermission) AWS writes the statement
/// after the topic's others (recorded from AWS): `{"Sid": "<label>", "Effect": "Allow",
/// "Principal": {"AWS": "arn:aws:iam::<account>:root"}, "Action": "SNS:Publish", "Resource":
/// "<topic ARN>"}`.
public enum TopicPermissions {
    /// The actions a permission may grant: those of a topic. Others are "out of service scope"
    /// (recorded from AWS).
    static let grantableActions: Set<String> = [
        "GetTopicAttributes", "SetTopicAttributes", "AddPermission", "RemovePermission", "DeleteTopic", "Subscribe",
        "ListSubscriptionsByTopic", "Publish", "Receive",
    ]

    /// The policy with a statement for `label` added.
    public static func adding(label: String, accounts: [String], actions: [String], to policy: String?,
                              topicARN: String) throws(SNSError) -> String {
        // "Label – A unique identifier for the new policy statement."
        guard !label.isEmpty else { throw SNSError.invalidParameter("Label", reason: "cannot be empty") }
        guard !actions.isEmpty, actions.allSatisfy(grantableActions.contains) else {
            throw SNSError.invalidParameter("Policy statement action out of service scope!")
        }
        guard !accounts.isEmpty else { throw SNSError.invalidParameter("AWSAccountId", reason: "cannot be empty") }
        for account in accounts where AccountID(account) == nil {
            throw SNSError.invalidParameter("AWSAccountId", reason: "\(account) is not a valid account id")
        }
        var document = PermissionPolicy(policy)
        // Recorded from AWS.
        guard !document.contains(label: label) else { throw SNSError.invalidParameter("Statement already exists") }
        document.add(label: label, accounts: accounts, actions: actions.map { "SNS:\($0)" }, resource: topicARN)
        return document.render(version: "2008-10-17", id: "__default_policy_ID")
    }

    /// The policy without the statement for `label`. A label the policy does not have changes
    /// nothing.
    public static func removing(label: String, from policy: String?, topicARN: String) -> String? {
        var document = PermissionPolicy(policy)
        guard document.remove(label: label) else { return policy }
        return document.render(version: "2008-10-17", id: "__default_policy_ID")
    }
}
