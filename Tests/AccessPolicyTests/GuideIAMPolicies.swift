/// Every IAM (identity-based) policy in the KMS Developer Guide
/// (`shared/reference/kms-developer-guide.md`).
extension GuideExample {
    static let iamPolicies: [GuideExample] = [
        .document("Overview: list keys and aliases", kind: .identityBased, #"""
            {
              "Version": "2012-10-17",
              "Statement": {
                "Effect": "Allow",
                "Action": [ "kms:ListKeys", "kms:ListAliases" ],
                "Resource": "*"
              }
            }
            """#),
        .document("Read-only access through the console", kind: .identityBased, #"""
            {
              "Version": "2012-10-17",
              "Statement": {
                "Effect": "Allow",
                "Action": [
                  "kms:ListKeys", "kms:ListAliases", "kms:DescribeKey", "kms:ListKeyPolicies",
                  "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "iam:ListUsers", "iam:ListRoles"
                ],
                "Resource": "*"
              }
            }
            """#),
        .document("Encrypt and decrypt with any CMK in an account", kind: .identityBased, #"""
            {
              "Version": "2012-10-17",
              "Statement": {
                "Effect": "Allow",
                "Action": [ "kms:Encrypt", "kms:Decrypt" ],
                "Resource": [ "arn:aws:kms:*:111122223333:key/*" ]
              }
            }
            """#),
        .document("Encrypt and decrypt with any CMK in an account and Region", kind: .identityBased, #"""
            {
              "Version": "2012-10-17",
              "Statement": {
                "Effect": "Allow",
                "Action": [ "kms:Encrypt", "kms:Decrypt" ],
                "Resource": [ "arn:aws:kms:us-west-2:111122223333:key/*" ]
              }
            }
            """#),
        .document("Encrypt and decrypt with specific CMKs", kind: .identityBased, #"""
            {
              "Version": "2012-10-17",
              "Statement": {
                "Effect": "Allow",
                "Action": [ "kms:Encrypt", "kms:Decrypt" ],
                "Resource": [
                  "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                  "arn:aws:kms:us-west-2:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321"
                ]
              }
            }
            """#),
        .document("Prevent disabling or deleting any CMK", kind: .identityBased, #"""
            {
              "Version": "2012-10-17",
              "Statement": {
                "Effect": "Deny",
                "Action": [ "kms:DisableKey", "kms:ScheduleKeyDeletion" ],
                "Resource": "*"
              }
            }
            """#),
        .document("Deny bypassing the policy lockout safety check", kind: .identityBased, conditions: 1, #"""
            {
              "Version": "2012-10-17",
              "Statement": {
                "Effect": "Deny",
                "Action": "kms:CreateKey",
                "Resource": "*",
                "Condition": { "Bool": { "kms:BypassPolicyLockoutSafetyCheck": true } }
              }
            }
            """#),
        .document("Use a CMK in another account", kind: .identityBased, statements: 2, conditions: 1, #"""
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "AllowUseOfCMKInAccount444455556666",
                  "Effect": "Allow",
                  "Action": [
                    "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"
                  ],
                  "Resource": "arn:aws:kms:us-west-2:444455556666:key/1a2b3c4d-5e6f-1a2b-3c4d-5e6f1a2b3c4d"
                },
                {
                  "Sid": "AllowUseofCMKToCreateEncryptedResourcesInAccount444455556666",
                  "Effect": "Allow",
                  "Action": "kms:CreateGrant",
                  "Resource": "arn:aws:kms:us-west-2:444455556666:key/1a2b3c4d-5e6f-1a2b-3c4d-5e6f1a2b3c4d",
                  "Condition": { "Bool": { "kms:GrantIsForAWSResource": true } }
                }
              ]
            }
            """#),
        .document("WorkSpaces administrators", kind: .identityBased, statements: 2, #"""
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": "kms:CreateGrant",
                  "Resource": "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
                },
                {
                  "Effect": "Allow",
                  "Action": [ "kms:ListAliases", "kms:ListKeys" ],
                  "Resource": "*"
                }
              ]
            }
            """#),
    ]
}
