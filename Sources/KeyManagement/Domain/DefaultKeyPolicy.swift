import Identity

/// The key policy a key gets when CreateKey names none.
///
/// "When you create a CMK programmatically … and you don't provide a key policy, AWS KMS creates a
/// very simple default key policy … [that] gives the AWS account (root user) that owns the CMK full
/// access to the CMK" (kms-developer-guide.md, Default Key Policy). Formatted as AWS returns it.
public enum DefaultKeyPolicy {
    public static func document(for account: AccountID) -> String {
        """
        {
          "Version" : "2012-10-17",
          "Id" : "key-default-1",
          "Statement" : [ {
            "Sid" : "Enable IAM User Permissions",
            "Effect" : "Allow",
            "Principal" : {
              "AWS" : "arn:aws:iam::\(account):root"
            },
            "Action" : "kms:*",
            "Resource" : "*"
          } ]
        }
        """
    }

    /// The only policy name a KMS key has.
    public static let name = "default"
}
