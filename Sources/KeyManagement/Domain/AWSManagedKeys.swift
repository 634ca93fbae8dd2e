import Identity

/// AWS managed keys: one per account, region and integrated service, named `alias/aws/<service>`,
/// created on first use, rotated every year, and governed by a policy nobody can change.
///
/// "AWS managed keys are KMS keys in your account that are created, managed, and used on your
/// behalf by an AWS service integrated with AWS KMS … You cannot change any properties of AWS
/// managed keys, rotate them, change their key policies, or schedule them for deletion."
/// Arca integrates SQS and SNS; their policies are the ones AWS gives these keys.
public enum AWSManagedKeys {
    /// The integrated services, by the name in `alias/aws/<service>`.
    public static let services: [String: (title: String, short: String, description: String)] = [
        "sqs": ("Simple Queue Service (SQS)", "SQS", "Default key that protects my SQS messages when no other key is defined"),
        "sns": ("SNS", "SNS", "Default key that protects my SNS data when no other key is defined"),
    ]

    /// The service an `alias/aws/<service>` name belongs to, if Arca integrates it.
    public static func service(of alias: AliasName) -> String? {
        guard alias.isAWSManaged else { return nil }
        let service = String(alias.rawValue.dropFirst("alias/aws/".count))
        return services[service] == nil ? nil : service
    }

    /// The key policy: use only through the service by principals of the account, and reading
    /// the key's metadata for the account itself.
    public static func policy(service: String, scope: KMSScope) -> String {
        let (title, short) = services[service].map { ($0.title, $0.short) } ?? (service, service)
        return """
        {
          "Version" : "2012-10-17",
          "Id" : "auto-\(service)-1",
          "Statement" : [ {
            "Sid" : "Allow access through \(title) for all principals in the account that are authorized to use \(short)",
            "Effect" : "Allow",
            "Principal" : {
              "AWS" : "*"
            },
            "Action" : [ "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey" ],
            "Resource" : "*",
            "Condition" : {
              "StringEquals" : {
                "kms:ViaService" : "\(service).\(scope.region).amazonaws.com",
                "kms:CallerAccount" : "\(scope.account)"
              }
            }
          }, {
            "Sid" : "Allow direct access to key metadata to the account",
            "Effect" : "Allow",
            "Principal" : {
              "AWS" : "arn:aws:iam::\(scope.account):root"
            },
            "Action" : [ "kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant" ],
            "Resource" : "*"
          } ]
        }
        """
    }
}
