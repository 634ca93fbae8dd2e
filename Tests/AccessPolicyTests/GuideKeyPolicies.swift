/// Every key policy and key policy statement in the KMS Developer Guide
/// (`shared/reference/kms-developer-guide.md`).
extension GuideExample {
    static let keyPolicies: [GuideExample] = [
        .keyPolicy("Default key policy: enable IAM user permissions", #"""
            {
              "Sid": "Enable IAM User Permissions",
              "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
              "Action": "kms:*",
              "Resource": "*"
            }
            """#),
        .keyPolicy("Default key policy: key administrators", #"""
            {
              "Sid": "Allow access for Key Administrators",
              "Effect": "Allow",
              "Principal": { "AWS": [
                "arn:aws:iam::111122223333:user/KMSAdminUser",
                "arn:aws:iam::111122223333:role/KMSAdminRole"
              ] },
              "Action": [
                "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
                "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
                "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"
              ],
              "Resource": "*"
            }
            """#),
        .keyPolicy("Default key policy: key users", statements: 2, conditions: 1, #"""
            {
              "Sid": "Allow use of the key",
              "Effect": "Allow",
              "Principal": { "AWS": [
                "arn:aws:iam::111122223333:user/KMSUser",
                "arn:aws:iam::111122223333:role/KMSRole",
                "arn:aws:iam::444455556666:root"
              ] },
              "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
              "Resource": "*"
            },
            {
              "Sid": "Allow attachment of persistent resources",
              "Effect": "Allow",
              "Principal": { "AWS": [
                "arn:aws:iam::111122223333:user/KMSUser",
                "arn:aws:iam::111122223333:role/KMSRole",
                "arn:aws:iam::444455556666:root"
              ]},
              "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
              "Resource": "*",
              "Condition": {"Bool": {"kms:GrantIsForAWSResource": true}}
            }
            """#),
        .document("Example key policy key-consolepolicy-2", kind: .resourceBased, statements: 4, conditions: 1, #"""
            {
              "Version": "2012-10-17",
              "Id": "key-consolepolicy-2",
              "Statement": [
                {
                  "Sid": "Enable IAM User Permissions",
                  "Effect": "Allow",
                  "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
                  "Action": "kms:*",
                  "Resource": "*"
                },
                {
                  "Sid": "Allow access for Key Administrators",
                  "Effect": "Allow",
                  "Principal": { "AWS": [
                    "arn:aws:iam::111122223333:user/KMSAdminUser",
                    "arn:aws:iam::111122223333:role/KMSAdminRole"
                  ] },
                  "Action": [
                    "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
                    "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
                    "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"
                  ],
                  "Resource": "*"
                },
                {
                  "Sid": "Allow use of the key",
                  "Effect": "Allow",
                  "Principal": { "AWS": [
                    "arn:aws:iam::111122223333:user/KMSUser",
                    "arn:aws:iam::111122223333:role/KMSRole",
                    "arn:aws:iam::444455556666:root"
                  ] },
                  "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                  "Resource": "*"
                },
                {
                  "Sid": "Allow attachment of persistent resources",
                  "Effect": "Allow",
                  "Principal": { "AWS": [
                    "arn:aws:iam::111122223333:user/KMSUser",
                    "arn:aws:iam::111122223333:role/KMSRole",
                    "arn:aws:iam::444455556666:root"
                  ] },
                  "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
                  "Resource": "*",
                  "Condition": { "Bool": { "kms:GrantIsForAWSResource": "true" } }
                }
              ]
            }
            """#),
        .keyPolicy("kms:CallerAccount with every AWS principal", conditions: 2, #"""
            {
              "Sid": "Allow access through EBS for all principals in the account that are authorized to use EBS",
              "Effect": "Allow",
              "Principal": {"AWS": "*"},
              "Condition": {
                "StringEquals": {
                  "kms:CallerAccount": "111122223333",
                  "kms:ViaService": "ec2.us-west-2.amazonaws.com"
                }
              },
              "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"],
              "Resource": "*"
            }
            """#),
        .keyPolicy("kms:EncryptionContext: prefix", conditions: 2, #"""
            {
              "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::111122223333:role/RoleForExampleApp" },
              "Action": "kms:GenerateDataKey",
              "Resource": "*",
              "Condition": {
                "StringEquals": {
                  "kms:EncryptionContext:AppName": "ExampleApp",
                  "kms:EncryptionContext:FilePath": "/var/opt/secrets/"
                }
              }
            }
            """#),
        .keyPolicy("kms:EncryptionContextKeys with Null", conditions: 1, #"""
            {
              "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::111122223333:role/RoleForExampleApp" },
              "Action": [ "kms:Encrypt", "kms:GenerateDataKey*" ],
              "Resource": "*",
              "Condition": { "Null": { "kms:EncryptionContextKeys": false } }
            }
            """#),
        .keyPolicy("kms:GrantConstraintType", conditions: 1, #"""
            {
              "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::111122223333:user/ExampleUser" },
              "Action": "kms:CreateGrant",
              "Resource": "*",
              "Condition": { "StringEquals": { "kms:GrantConstraintType": "EncryptionContextEquals" } }
            }
            """#),
        .keyPolicy("kms:GrantIsForAWSResource", conditions: 1, #"""
            {
              "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::111122223333:user/ExampleUser" },
              "Action": "kms:CreateGrant",
              "Resource": "*",
              "Condition": { "Bool": { "kms:GrantIsForAWSResource": true } }
            }
            """#),
        .keyPolicy("kms:GrantOperations with ForAllValues", conditions: 1, #"""
            {
              "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::111122223333:user/ExampleUser" },
              "Action": "kms:CreateGrant",
              "Resource": "*",
              "Condition": {
                "ForAllValues:StringEquals": { "kms:GrantOperations": [ "Encrypt", "ReEncryptTo" ] }
              }
            }
            """#),
        .keyPolicy("kms:ReEncryptOnSameKey (vendor prefix restored)", conditions: 1, #"""
            {
              "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::111122223333:user/ExampleUser" },
              "Action": "kms:ReEncrypt*",
              "Resource": "*",
              "Condition": { "Bool": { "kms:ReEncryptOnSameKey": true } }
            }
            """#),
        .keyPolicy("kms:ViaService with two services", conditions: 1, #"""
            {
              "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::111122223333:user/ExampleUser" },
              "Action": [
                "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                "kms:CreateGrant", "kms:ListGrants", "kms:DescribeKey"
              ],
              "Resource": "*",
              "Condition": {
                "StringEquals": { "kms:ViaService": [ "ec2.us-west-2.amazonaws.com", "rds.us-west-2.amazonaws.com" ] }
              }
            }
            """#),
        .keyPolicy("Examining the key policy: example statements 1 to 4", statements: 4, conditions: 1, #"""
            {
              "Sid": "Enable IAM User Permissions",
              "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
              "Action": "kms:*",
              "Resource": "*"
            },
            {
              "Sid": "Allow access for Key Administrators",
              "Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::111122223333:user/KMSKeyAdmin"},
              "Action": [
                "kms:Describe*", "kms:Put*", "kms:Create*", "kms:Update*", "kms:Enable*", "kms:Revoke*",
                "kms:List*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"
              ],
              "Resource": "*"
            },
            {
              "Sid": "Allow use of the key",
              "Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::111122223333:role/EncryptionApp"},
              "Action": ["kms:DescribeKey", "kms:GenerateDataKey*", "kms:Encrypt", "kms:ReEncrypt*", "kms:Decrypt"],
              "Resource": "*"
            },
            {
              "Sid": "Allow attachment of persistent resources",
              "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::111122223333:role/EncryptionApp" },
              "Action": ["kms:ListGrants", "kms:CreateGrant", "kms:RevokeGrant"],
              "Resource": "*",
              "Condition": { "Bool": { "kms:GrantIsForAWSResource": true } }
            }
            """#),
        .keyPolicy("Amazon SES service principal", conditions: 3, #"""
            {
              "Sid": "Allow SES to encrypt messages using this master key",
              "Effect": "Allow",
              "Principal": {"Service": "ses.amazonaws.com"},
              "Action": [ "kms:Encrypt", "kms:GenerateDataKey*" ],
              "Resource": "*",
              "Condition": {
                "Null": {
                  "kms:EncryptionContext:aws:ses:rule-name": false,
                  "kms:EncryptionContext:aws:ses:message-id": false
                },
                "StringEquals": {"kms:EncryptionContext:aws:ses:source-account": "ACCOUNT-ID-WITHOUT-HYPHENS"}
              }
            }
            """#),
        .keyPolicy("Permission to schedule and cancel key deletion", #"""
            {
              "Sid": "Allow access for Key Administrators",
              "Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::111122223333:user/KMSKeyAdmin"},
              "Action": [
                "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
                "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"
              ],
              "Resource": "*"
            }
            """#),
        .document("Setting a key policy (Java sample)", kind: .resourceBased, #"""
            {  "Version": "2012-10-17",   "Statement": [{    "Sid": "Allow access for ExampleUser",     "Effect": "Allow",     "Principal": {"AWS": "arn:aws:iam::111122223333:user/ExampleUser"},     "Action": [       "kms:Encrypt",       "kms:GenerateDataKey",       "kms:Decrypt",       "kms:DescribeKey",       "kms:ReEncrypt*"     ],     "Resource": "*"     }]}
            """#),
        .document("CreateKey CloudTrail record", kind: .resourceBased, statements: 3, #"""
            {
              "Version": "2012-10-17",
              "Statement": [{
                "Effect": "Allow",
                "Principal": { "AWS": "arn:aws:iam::123456789012:user/Alice" },
                "Action": "kms:*",
                "Resource": "*"
              }, {
                "Effect": "Allow",
                "Principal": { "AWS": "arn:aws:iam::012345678901:user/Bob" },
                "Action": "kms:CreateGrant",
                "Resource": "*"
              }, {
                "Effect": "Allow",
                "Principal": { "AWS": "arn:aws:iam::012345678901:user/Charlie" },
                "Action": "kms:Encrypt",
                "Resource": "*"
              } ] }
            """#),
    ]
}
