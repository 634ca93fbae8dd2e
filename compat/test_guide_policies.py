"""The example policies of the KMS Developer Guide (/work/shared/reference/kms-developer-guide.md),
each run against Arca with callers it must allow and callers it must refuse.

Condition keys the guide predates (kms:EncryptionAlgorithm, kms:KeySpec, kms:KeyUsage,
kms:KeyOrigin, kms:RequestAlias, kms:ResourceAliases) use the examples of the current AWS KMS
Developer Guide page "AWS KMS condition keys" (conditions-kms.md); the IP example is the IAM User
Guide's "AWS: Denies Access to AWS Based on the Source IP", which the guide points to.

Substitutions. The module's server declares the guide's own accounts (111122223333 and
444455556666), users (KMSAdminUser, KMSUser, ExampleUser, ...) and roles (KMSAdminRole, KMSRole),
and the guide's region, us-west-2, so the account ids, principals and regions are used as
printed. Everything else is replaced explicitly where the policy is built (`guide_document` /
`guide_statement` refuse a substitution whose printed text is absent):
- key ids printed in ARNs become the ids of keys the fixture creates;
- role principals the examples put in a key policy (RoleForExampleApp, developer) become users
  of the same name, since roles cannot be assumed yet;
- printing accidents are repaired: "kms>Delete*" for "kms:Delete*", a line break inside a Sid,
  and the guide's "ReEncrypt*" without its "kms:" prefix (the current guide prints
  "kms:ReEncrypt*");
- where a condition value cannot exist in Arca (the AWS_CLOUDHSM origin) or the caller must
  pass, the value is swapped for one that can (AWS_KMS, 127.0.0.0/8), next to a caller who gets
  the policy exactly as printed.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field

import pytest
import yaml

from conftest import ArcaServer
from helpers import assert_access_denied, expect_error, make_client

ACCOUNT = "111122223333"           # the guide's account that owns the CMKs
EXTERNAL = "444455556666"          # the guide's external account
REGION = "us-west-2"               # the guide's region, US West (Oregon)
OTHER_REGION = "us-east-1"
ALLOWED = "allowed"                # otherwise an expectation is a key of helpers.ACCESS_DENIED_REASONS
NO_IAM, NO_KEY_POLICY = "no-identity-policy", "no-resource-policy"
IAM_DENY, KEY_POLICY_DENY = "identity-deny", "resource-deny"


# ---------------------------------------------------------------------------------------------
# The guide's policies, as printed.

# "Allows Access to the AWS Account and Enables IAM Policies"
ROOT_STATEMENT = r"""
{
  "Sid": "Enable IAM User Permissions",
  "Effect": "Allow",
  "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
  "Action": "kms:*",
  "Resource": "*"
}
"""

# "Allows Key Administrators to Administer the CMK"
KEY_ADMINISTRATORS_STATEMENT = r"""
{
  "Sid": "Allow access for Key Administrators",
  "Effect": "Allow",
  "Principal": { "AWS": [
    "arn:aws:iam::111122223333:user/KMSAdminUser",
    "arn:aws:iam::111122223333:role/KMSAdminRole"
  ] },
  "Action": [
    "kms:Create*",
    "kms:Describe*",
    "kms:Enable*",
    "kms:List*",
    "kms:Put*",
    "kms:Update*",
    "kms:Revoke*",
    "kms:Disable*",
    "kms:Get*",
    "kms:Delete*",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:ScheduleKeyDeletion",
    "kms:CancelKeyDeletion"
  ],
  "Resource": "*"
}
"""

# "Allows Key Users to Use the CMK", first statement (the second is printed garbled across a page
# break there; it is taken from the Example Key Policy, where it is printed whole).
KEY_USERS_STATEMENT = r"""
{
  "Sid": "Allow use of the key",
  "Effect": "Allow",
  "Principal": { "AWS": [
    "arn:aws:iam::111122223333:user/KMSUser",
    "arn:aws:iam::111122223333:role/KMSRole",
    "arn:aws:iam::444455556666:root"
  ] },
  "Action": [
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
    "kms:DescribeKey"
  ],
  "Resource": "*"
}
"""

# "Example Key Policy"
EXAMPLE_KEY_POLICY = r"""
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
        "kms:Create*",
        "kms:Describe*",
        "kms:Enable*",
        "kms:List*",
        "kms:Put*",
        "kms:Update*",
        "kms:Revoke*",
        "kms:Disable*",
        "kms:Get*",
        "kms>Delete*",
        "kms:TagResource",
        "kms:UntagResource",
        "kms:ScheduleKeyDeletion",
        "kms:CancelKeyDeletion"
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
      "Action": [
        "kms:Encrypt",
        "kms:Decrypt",
        "kms:ReEncrypt*",
        "kms:GenerateDataKey*",
        "kms:DescribeKey"
      ],
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
      "Action": [
        "kms:CreateGrant",
        "kms:ListGrants",
        "kms:RevokeGrant"
      ],
      "Resource": "*",
      "Condition": { "Bool": { "kms:GrantIsForAWSResource": "true" } }
    }
  ]
}
"""

# "Adding or modifying an IAM Policy to Allow Access to a CMK in Another AWS Account" (printed
# across a page break; joined here).
CROSS_ACCOUNT_IAM_POLICY = r"""
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowUseOfCMKInAccount444455556666",
      "Effect": "Allow",
      "Action": [
        "kms:Encrypt",
        "kms:Decrypt",
        "kms:ReEncrypt*",
        "kms:GenerateDataKey*",
        "kms:DescribeKey"
      ],
      "Resource": "arn:aws:kms:us-west-2:444455556666:key/1a2b3c4d-5e6f-1a2b-3c4d-5e6f1a2b3c4d"
    },
    {
      "Sid": "AllowUseofCMKToCreateEncryptedResourcesInAccount444455556666",
      "Effect": "Allow",
      "Action": "kms:CreateGrant",
      "Resource": "arn:aws:kms:us-west-2:444455556666:key/1a2b3c4d-5e6f-1a2b-3c4d-5e6f1a2b3c4d",
      "Condition": {
        "Bool": {
          "kms:GrantIsForAWSResource": true
        }
      }
    }
  ]
}
"""

# "Allow a User Read-Only Access to All CMKs through the AWS KMS Console"
READ_ONLY_IAM_POLICY = r"""
{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": [
      "kms:ListKeys",
      "kms:ListAliases",
      "kms:DescribeKey",
      "kms:ListKeyPolicies",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "iam:ListUsers",
      "iam:ListRoles"
    ],
    "Resource": "*"
  }
}
"""

# "Allow a User to Encrypt and Decrypt with Any CMK in a Specific AWS Account"
ACCOUNT_IAM_POLICY = r"""
{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": [
      "kms:Encrypt",
      "kms:Decrypt"
    ],
    "Resource": [
      "arn:aws:kms:*:111122223333:key/*"
    ]
  }
}
"""

# "Allow a User to Encrypt and Decrypt with Any CMK in a Specific AWS Account and Region"
ACCOUNT_REGION_IAM_POLICY = r"""
{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": [
      "kms:Encrypt",
      "kms:Decrypt"
    ],
    "Resource": [
      "arn:aws:kms:us-west-2:111122223333:key/*"
    ]
  }
}
"""

# "Allow a User to Encrypt and Decrypt with Specific CMKs"
SPECIFIC_KEYS_IAM_POLICY = r"""
{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": [
      "kms:Encrypt",
      "kms:Decrypt"
    ],
    "Resource": [
      "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      "arn:aws:kms:us-west-2:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321"
    ]
  }
}
"""

# "Prevent a User from Disabling or Deleting Any CMKs"
DENY_DISABLE_DELETE_IAM_POLICY = r"""
{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Deny",
    "Action": [
      "kms:DisableKey",
      "kms:ScheduleKeyDeletion"
    ],
    "Resource": "*"
  }
}
"""

# IAM User Guide, "AWS: Denies Access to AWS Based on the Source IP" (the guide's "Block Requests
# That Don't Come From an Approved IP Address or Range").
SOURCE_IP_IAM_POLICY = r"""
{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Deny",
        "Action": "*",
        "Resource": "*",
        "Condition": {
            "NotIpAddress": {
                "aws:SourceIp": [
                    "192.0.2.0/24",
                    "203.0.113.0/24"
                ]
            }
        }
    }
}
"""

# "kms:BypassPolicyLockoutSafetyCheck"
BYPASS_IAM_POLICY = r"""
{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Deny",
    "Action": "kms:CreateKey",
    "Resource": "*",
    "Condition": {
      "Bool": {
        "kms:BypassPolicyLockoutSafetyCheck": true
      }
    }
  }
}
"""

# "kms:CallerAccount" (the PDF breaks the Sid over two lines)
CALLER_ACCOUNT_STATEMENT = r"""
{
  "Sid": "Allow access through EBS for all principals in the account that are
authorized to use EBS",
  "Effect": "Allow",
  "Principal": {"AWS": "*"},
  "Condition": {
    "StringEquals": {
      "kms:CallerAccount": "111122223333",
      "kms:ViaService": "ec2.us-west-2.amazonaws.com"
    }
  },
  "Action": [
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
    "kms:CreateGrant",
    "kms:DescribeKey"
  ],
  "Resource": "*"
}
"""

# "kms:EncryptionContext:"
ENCRYPTION_CONTEXT_STATEMENT = r"""
{
  "Effect": "Allow",
  "Principal": {
    "AWS": "arn:aws:iam::111122223333:role/RoleForExampleApp"
  },
  "Action": "kms:GenerateDataKey",
  "Resource": "*",
  "Condition": {
    "StringEquals": {
      "kms:EncryptionContext:AppName": "ExampleApp",
      "kms:EncryptionContext:FilePath": "/var/opt/secrets/"
    }
  }
}
"""

# AWS docs, kms:EncryptionContext:context-key, "Case sensitivity of the encryption context
# condition".
ENCRYPTION_CONTEXT_CASE_STATEMENT = r"""
{
  "Effect": "Allow",
  "Principal": {
    "AWS": "arn:aws:iam::111122223333:role/RoleForExampleApp"
  },
  "Action": "kms:Decrypt",
  "Resource": "*",
  "Condition": {
    "StringEquals": {
      "kms:EncryptionContext:Appname": "ExampleApp"
    }
  }
}
"""

# "kms:EncryptionContextKeys"
ENCRYPTION_CONTEXT_KEYS_STATEMENT = r"""
{
  "Effect": "Allow",
  "Principal": {
    "AWS": "arn:aws:iam::111122223333:role/RoleForExampleApp"
  },
  "Action": [
    "kms:Encrypt",
    "kms:GenerateDataKey*"
  ],
  "Resource": "*",
  "Condition": {
    "Null": {
      "kms:EncryptionContextKeys": false
    }
  }
}
"""

# "kms:ReEncryptOnSameKey"
REENCRYPT_ON_SAME_KEY_STATEMENT = r"""
{
  "Effect": "Allow",
  "Principal": {
    "AWS": "arn:aws:iam::111122223333:user/ExampleUser"
  },
  "Action": "ReEncrypt*",
  "Resource": "*",
  "Condition": {
    "Bool": {
      "kms:ReEncryptOnSameKey": true
    }
  }
}
"""

# AWS docs, conditions-kms.md, kms:EncryptionAlgorithm: "this IAM policy limits its principals to
# symmetric encryption".
SYMMETRIC_ALGORITHM_STATEMENT = r"""
{
  "Sid": "AllowOnlySymmetricAlgorithm",
  "Effect": "Deny",
  "Action": [
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*"
  ],
  "Resource": "arn:aws:kms:us-west-2:111122223333:key/*",
  "Condition": {
    "StringNotEquals": {
      "kms:EncryptionAlgorithm": "SYMMETRIC_DEFAULT"
    }
  }
}
"""

# AWS docs, kms:KeySpec: "allow the principals to create only RSA asymmetric KMS keys".
KEY_SPEC_CREATE_STATEMENT = r"""
{
  "Effect": "Allow",
  "Action": "kms:CreateKey",
  "Resource": "*",
  "Condition": {
    "StringLike": {
      "kms:KeySpec": "RSA_*"
    }
  }
}
"""

# AWS docs, kms:KeySpec: "only with symmetric encryption KMS keys in the account".
KEY_SPEC_RESOURCE_STATEMENT = r"""
{
  "Effect": "Allow",
  "Action": [
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:ReEncrypt*",
    "kms:DescribeKey"
  ],
  "Resource": "arn:aws:kms:us-west-2:111122223333:key/*",
  "Condition": {
    "StringEquals": {
      "kms:KeySpec": "SYMMETRIC_DEFAULT"
    }
  }
}
"""

# AWS docs, kms:KeyUsage: "create a KMS key only when the KeyUsage is ENCRYPT_DECRYPT".
KEY_USAGE_CREATE_STATEMENT = r"""
{
  "Effect": "Allow",  
  "Action": "kms:CreateKey",
  "Resource": "*",
  "Condition": {
    "StringEquals": {
      "kms:KeyUsage": "ENCRYPT_DECRYPT"
    }
  }
}
"""

# AWS docs, kms:KeyUsage: "only with KMS keys in the account that are used for signing and
# verification".
KEY_USAGE_RESOURCE_STATEMENT = r"""
{
  "Effect": "Allow",
  "Action": [
    "kms:CreateGrant",
    "kms:DescribeKey",
    "kms:GetPublicKey",
    "kms:ScheduleKeyDeletion"
  ],
  "Resource": "arn:aws:kms:us-west-2:111122223333:key/*",
  "Condition": {
    "StringEquals": {
      "kms:KeyUsage": "SIGN_VERIFY"
    }
  }
}
"""

# AWS docs, kms:KeyOrigin: "only with KMS keys in the account that were created in a custom key
# store".
KEY_ORIGIN_STATEMENT = r"""
{
  "Effect": "Allow",  
  "Action": [
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:GenerateDataKeyPair",
    "kms:GenerateDataKeyPairWithoutPlaintext",
    "kms:ReEncrypt*"
  ],
  "Resource": "arn:aws:kms:us-west-2:111122223333:key/*",
  "Condition": {
    "StringEquals": {
      "kms:KeyOrigin": "AWS_CLOUDHSM"
    }
  }
}
"""

# AWS docs, kms:RequestAlias.
REQUEST_ALIAS_STATEMENT = r"""
{
  "Sid": "Key policy using a request alias condition",
  "Effect": "Allow",
  "Principal": {
    "AWS": "arn:aws:iam::111122223333:role/developer"
  },
  "Action": "kms:GenerateDataKey",
  "Resource": "*",
  "Condition": {
    "StringEquals": {
      "kms:RequestAlias": "alias/finance-key"
    }
  }
}
"""

# AWS docs, kms:ResourceAliases, first example.
RESOURCE_ALIASES_STATEMENT = r"""
{
  "Sid": "AliasBasedIAMPolicy",
  "Effect": "Allow",
  "Action": "kms:GenerateDataKey",
  "Resource": [
    "arn:aws:kms:*:111122223333:key/*",
    "arn:aws:kms:*:444455556666:key/*"
  ],
  "Condition": {
    "ForAnyValue:StringEquals": {
      "kms:ResourceAliases": "alias/finance-key"
    }
  }
}
"""

# AWS docs, kms:ResourceAliases, second example.
ALL_ALIASES_STATEMENT = r"""
{
  "Sid": "AliasBasedIAMPolicy",
  "Effect": "Allow",
  "Action": [
    "kms:EnableKey",
    "kms:DisableKey"
  ],
  "Resource": "arn:aws:kms:*:111122223333:key/*",
  "Condition": {
    "ForAllValues:StringLike": {
      "kms:ResourceAliases": [
        "alias/*Test*"
      ]
    },
    "ForAnyValue:StringLike": {
      "kms:ResourceAliases": [
        "alias/*Test*"
      ]
    }
  }
}
"""


def _substitute(text: str, substitutions) -> str:
    for printed, ours in substitutions:
        assert printed in text, f"substitution {printed!r} does not occur in the printed policy"
        text = text.replace(printed, ours)
    return text


def guide_document(text: str, *substitutions: tuple[str, str]) -> str:
    """A complete policy as printed, with the (printed, ours) substitutions applied; valid JSON."""
    text = _substitute(text, substitutions).strip()
    json.loads(text)
    return text


def guide_statement(text: str, *substitutions: tuple[str, str]) -> dict:
    """A policy statement as printed, with the (printed, ours) substitutions applied."""
    return json.loads(_substitute(text, substitutions))


def policy(*statements) -> str:
    """Wraps statements the guide prints on their own into a policy document."""
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def root_statement(account=ACCOUNT) -> dict:
    return guide_statement(ROOT_STATEMENT, *([("111122223333", account)] if account != ACCOUNT else []))


ALLOW_ALL_KMS = policy({"Effect": "Allow", "Action": "kms:*", "Resource": "*"})
AS_USER_EXAMPLE_APP = ("role/RoleForExampleApp", "user/ExampleApp")   # roles cannot be assumed yet
LOOPBACK_APPROVED = ("192.0.2.0/24", "127.0.0.0/8")                   # the tests call from 127.0.0.1


# ---------------------------------------------------------------------------------------------
# Identities: every principal the policies name, and every caller.

# Inline IAM policies per user; `None` marks the ones that name keys created by the fixture.
ACCOUNT_USERS: dict[str, list[tuple[str, str]] | None] = {
    # Key administrators may manage aliases only with an IAM policy for the alias resource too
    # ("CreateAlias ... requires access to two resources, an alias and a CMK": IAM policy for the
    # alias, key policy for the CMK).
    "KMSAdminUser": [("alias-admin", policy({"Effect": "Allow",
                                             "Action": ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"],
                                             "Resource": f"arn:aws:kms:*:{ACCOUNT}:alias/*"}))],
    "KMSUser": [],
    # "Understanding Policy Evaluation": Alice has no IAM policy, Bob's allows all AWS KMS actions
    # for all CMKs, Charlie's denies them.
    "Alice": [],
    "Bob": [("allow-kms", ALLOW_ALL_KMS)],
    "Charlie": [("deny-kms", policy({"Effect": "Deny", "Action": "kms:*", "Resource": "*"}))],
    "ReadOnlyUser": [("read-only", guide_document(READ_ONLY_IAM_POLICY))],
    "AccountUser": [("account", guide_document(ACCOUNT_IAM_POLICY))],
    "RegionUser": [("account-and-region", guide_document(ACCOUNT_REGION_IAM_POLICY))],
    "SpecificKeysUser": None,
    "CrossAccountUser": None,
    # "... even when another IAM policy or a key policy allows these permissions"
    "NoDisableUser": [("allow-kms", ALLOW_ALL_KMS), ("deny-disable-delete", guide_document(DENY_DISABLE_DELETE_IAM_POLICY))],
    "IpRestrictedUser": [("allow-kms", ALLOW_ALL_KMS), ("source-ip", guide_document(SOURCE_IP_IAM_POLICY))],
    "IpApprovedUser": [("allow-kms", ALLOW_ALL_KMS),
                       ("source-ip", guide_document(SOURCE_IP_IAM_POLICY, LOOPBACK_APPROVED))],
    "NoBypassUser": [("allow-kms", ALLOW_ALL_KMS), ("no-bypass", guide_document(BYPASS_IAM_POLICY))],
    "ExampleApp": [],
    "ExampleUser": [],
    "SymmetricOnlyUser": [("allow-kms", ALLOW_ALL_KMS),
                          ("symmetric-only", policy(guide_statement(SYMMETRIC_ALGORITHM_STATEMENT)))],
    "KeySpecUser": [("key-spec", policy(guide_statement(KEY_SPEC_CREATE_STATEMENT),
                                        guide_statement(KEY_SPEC_RESOURCE_STATEMENT)))],
    # "you can use the kms:KeySpec condition key to allow users to use the CreateKey operation
    # only when the value of the KeySpec parameter is SYMMETRIC_DEFAULT" (printed in prose only)
    "SymmetricCreatorUser": [("symmetric-creator", policy({
        "Effect": "Allow", "Action": "kms:CreateKey", "Resource": "*",
        "Condition": {"StringEquals": {"kms:KeySpec": "SYMMETRIC_DEFAULT"}}}))],
    "KeyUsageUser": [("key-usage", policy(guide_statement(KEY_USAGE_CREATE_STATEMENT),
                                          guide_statement(KEY_USAGE_RESOURCE_STATEMENT)))],
    "CloudHsmOriginUser": [("key-origin", policy(guide_statement(KEY_ORIGIN_STATEMENT)))],
    "KmsOriginUser": [("key-origin", policy(guide_statement(KEY_ORIGIN_STATEMENT, ('"AWS_CLOUDHSM"', '"AWS_KMS"'))))],
    "developer": [],
    "FinanceUser": [("resource-aliases", policy(guide_statement(RESOURCE_ALIASES_STATEMENT)))],
    "AliasTestUser": [("all-aliases-test", policy(guide_statement(ALL_ALIASES_STATEMENT)))],
}
ACCOUNT_ROLES = ["KMSAdminRole", "KMSRole"]
EXTERNAL_USERS = {"ExternalUser": [("allow-kms", ALLOW_ALL_KMS)], "ExternalUserNoPolicy": []}


@dataclass(frozen=True)
class Identity:
    account: str
    user: str | None    # None: the account's root user

    @property
    def arn(self) -> str:
        return f"arn:aws:iam::{self.account}:{'root' if self.user is None else 'user/' + self.user}"

    @property
    def access_key(self) -> tuple[str, str]:
        name = self.user or "root"
        return f"AKIA{self.account[:6]}{name.upper()}", f"{name}-{self.account}-secret"


def who(name: str) -> Identity:
    """"root", "external-root", or a user name of either account."""
    if name == "root":
        return Identity(ACCOUNT, None)
    if name == "external-root":
        return Identity(EXTERNAL, None)
    return Identity(EXTERNAL if name in EXTERNAL_USERS else ACCOUNT, name)


def _user(name, account, policies):
    ident = Identity(account, name)
    entry = {"name": name, "accessKeys": [dict(zip(("accessKeyId", "secretAccessKey"), ident.access_key))]}
    if policies:
        entry["policies"] = [{"name": n, "document": d} for n, d in policies]
    return entry


def _config(late_policies: dict[str, list[tuple[str, str]]]) -> dict:
    def root_keys(account):
        return [dict(zip(("accessKeyId", "secretAccessKey"), Identity(account, None).access_key))]

    users = [_user(name, ACCOUNT, late_policies.get(name) if policies is None else policies)
             for name, policies in ACCOUNT_USERS.items()]
    return {"accounts": [
        {"id": ACCOUNT, "rootAccessKeys": root_keys(ACCOUNT), "users": users,
         "roles": [{"name": r} for r in ACCOUNT_ROLES]},
        {"id": EXTERNAL, "rootAccessKeys": root_keys(EXTERNAL),
         "users": [_user(n, EXTERNAL, p) for n, p in EXTERNAL_USERS.items()]},
    ]}


@dataclass
class Guide:
    """The module's server, its callers and the keys shared by the tests."""
    server: ArcaServer
    keys: dict[str, str] = field(default_factory=dict)       # name -> key ARN
    _clients: dict = field(default_factory=dict)

    def client(self, caller: str | Identity, region: str = REGION):
        ident = who(caller) if isinstance(caller, str) else caller
        if (ident, region) not in self._clients:
            self._clients[ident, region] = make_client(self.server.endpoint, region, *ident.access_key)
        return self._clients[ident, region]

    def root_of(self, key_arn: str):
        """The owning account's root user, in the key's region."""
        _, _, _, region, account, _ = key_arn.split(":", 5)
        return self.client(Identity(account, None), region)

    def create_key(self, key_policy: str | None = None, *, owner="root", region=REGION, bypass=False) -> str:
        kwargs = {} if key_policy is None else {"Policy": key_policy}
        if bypass:
            kwargs["BypassPolicyLockoutSafetyCheck"] = True
        return self.client(owner, region).create_key(Description="guide example", **kwargs)["KeyMetadata"]["Arn"]


@pytest.fixture(scope="module")
def guide(arca_bin, tmp_path_factory) -> Guide:
    """One server for the module. The IAM policies that name specific keys ("Allow a User to
    Encrypt and Decrypt with Specific CMKs", the cross-account policy) can only be written once
    those keys exist, so the server starts, the keys are created, and it restarts with them."""
    base = tmp_path_factory.mktemp("guide-policies")
    config_path = base / "arca.yaml"
    config_path.write_text(yaml.safe_dump(_config({}), sort_keys=False))
    srv = ArcaServer(arca_bin, base / "data", base / "server.log", config_path=config_path).start()
    try:
        g = Guide(srv)
        g.keys["specific-1"] = g.create_key()
        g.keys["specific-2"] = g.create_key()
        # "you first add the external account (root user) to the CMK's key policy": the key
        # users statement, with account 111122223333 as the only key user.
        key_users = ('"arn:aws:iam::111122223333:user/KMSUser",\n    "arn:aws:iam::111122223333:role/KMSRole",\n'
                     '    "arn:aws:iam::444455556666:root"', '"arn:aws:iam::111122223333:root"')
        g.keys["external-shared"] = g.create_key(
            policy(root_statement(EXTERNAL), guide_statement(KEY_USERS_STATEMENT, key_users)), owner="external-root")
        g.keys["external-unshared"] = g.create_key(owner="external-root")

        def key_id(name):
            return g.keys[name].rsplit("/", 1)[1]

        late = {
            "SpecificKeysUser": [("specific-cmks", guide_document(
                SPECIFIC_KEYS_IAM_POLICY,
                ("1234abcd-12ab-34cd-56ef-1234567890ab", key_id("specific-1")),
                ("0987dcba-09fe-87dc-65ba-ab0987654321", key_id("specific-2"))))],
            # The guide's policy twice: for a key whose policy names this account, and for one
            # whose policy does not ("Neither step by itself is sufficient").
            "CrossAccountUser": [
                (f"use-{name}", guide_document(CROSS_ACCOUNT_IAM_POLICY,
                                               ("1a2b3c4d-5e6f-1a2b-3c4d-5e6f1a2b3c4d", key_id(name))))
                for name in ("external-shared", "external-unshared")],
        }
        config_path.write_text(yaml.safe_dump(_config(late), sort_keys=False))
        srv.restart()
        g._clients.clear()
        # Keys with default key policies, in the guide's region and in another one.
        g.keys["default"] = g.create_key()
        g.keys["default-other-region"] = g.create_key(region=OTHER_REGION)
        yield g
    finally:
        srv.stop()


# ---------------------------------------------------------------------------------------------
# Operations on a key, each checking its own result when allowed.

PLAINTEXT = b"guide example"


def _encrypt(c, k, root):
    assert c.encrypt(KeyId=k, Plaintext=PLAINTEXT)["KeyId"] == k


def _decrypt(c, k, root):
    blob = root.encrypt(KeyId=k, Plaintext=PLAINTEXT)["CiphertextBlob"]
    resp = c.decrypt(CiphertextBlob=blob)
    assert (resp["KeyId"], resp["Plaintext"]) == (k, PLAINTEXT)


def _reencrypt(c, k, root):
    blob = root.encrypt(KeyId=k, Plaintext=PLAINTEXT)["CiphertextBlob"]
    resp = c.re_encrypt(CiphertextBlob=blob, DestinationKeyId=k)
    assert (resp["SourceKeyId"], resp["KeyId"]) == (k, k)


def _generate_data_key(c, k, root):
    resp = c.generate_data_key(KeyId=k, KeySpec="AES_256")
    assert (resp["KeyId"], len(resp["Plaintext"])) == (k, 32)


def _generate_data_key_without_plaintext(c, k, root):
    resp = c.generate_data_key_without_plaintext(KeyId=k, KeySpec="AES_256")
    assert resp["KeyId"] == k and "Plaintext" not in resp


def _describe_key(c, k, root):
    assert c.describe_key(KeyId=k)["KeyMetadata"]["Arn"] == k


def _get_key_policy(c, k, root):
    assert json.loads(c.get_key_policy(KeyId=k, PolicyName="default")["Policy"])["Statement"]


def _list_key_policies(c, k, root):
    assert c.list_key_policies(KeyId=k)["PolicyNames"] == ["default"]


def _list_resource_tags(c, k, root):
    assert isinstance(c.list_resource_tags(KeyId=k)["Tags"], list)


def _put_key_policy(c, k, root):
    current = root.get_key_policy(KeyId=k, PolicyName="default")["Policy"]
    c.put_key_policy(KeyId=k, PolicyName="default", Policy=current)
    assert root.get_key_policy(KeyId=k, PolicyName="default")["Policy"] == current


def _update_key_description(c, k, root):
    description = f"updated {uuid.uuid4().hex[:8]}"
    c.update_key_description(KeyId=k, Description=description)
    assert root.describe_key(KeyId=k)["KeyMetadata"]["Description"] == description


def _tag_resource(c, k, root):
    c.tag_resource(KeyId=k, Tags=[{"TagKey": "guide", "TagValue": "example"}])
    assert {"TagKey": "guide", "TagValue": "example"} in root.list_resource_tags(KeyId=k)["Tags"]


def _untag_resource(c, k, root):
    root.tag_resource(KeyId=k, Tags=[{"TagKey": "guide", "TagValue": "example"}])
    c.untag_resource(KeyId=k, TagKeys=["guide"])
    assert all(t["TagKey"] != "guide" for t in root.list_resource_tags(KeyId=k)["Tags"])


def _disable_key(c, k, root):
    c.disable_key(KeyId=k)
    try:
        assert root.describe_key(KeyId=k)["KeyMetadata"]["KeyState"] == "Disabled"
    finally:
        root.enable_key(KeyId=k)


def _enable_key(c, k, root):
    c.enable_key(KeyId=k)
    assert root.describe_key(KeyId=k)["KeyMetadata"]["KeyState"] == "Enabled"


def _create_and_delete_alias(c, k, root):
    name = f"alias/guide-{uuid.uuid4().hex[:12]}"
    c.create_alias(AliasName=name, TargetKeyId=k)
    assert any(a["AliasName"] == name for a in root.list_aliases(KeyId=k)["Aliases"])
    c.delete_alias(AliasName=name)
    assert all(a["AliasName"] != name for a in root.list_aliases(KeyId=k)["Aliases"])


# op -> (the action AWS names when it refuses the operation, the call)
KEY_OPS = {
    "Encrypt": ("kms:Encrypt", _encrypt),
    "Decrypt": ("kms:Decrypt", _decrypt),
    "ReEncrypt": ("kms:ReEncryptFrom", _reencrypt),
    "GenerateDataKey": ("kms:GenerateDataKey", _generate_data_key),
    "GenerateDataKeyWithoutPlaintext": ("kms:GenerateDataKeyWithoutPlaintext", _generate_data_key_without_plaintext),
    "DescribeKey": ("kms:DescribeKey", _describe_key),
    "GetKeyPolicy": ("kms:GetKeyPolicy", _get_key_policy),
    "ListKeyPolicies": ("kms:ListKeyPolicies", _list_key_policies),
    "ListResourceTags": ("kms:ListResourceTags", _list_resource_tags),
    "PutKeyPolicy": ("kms:PutKeyPolicy", _put_key_policy),
    "UpdateKeyDescription": ("kms:UpdateKeyDescription", _update_key_description),
    "TagResource": ("kms:TagResource", _tag_resource),
    "UntagResource": ("kms:UntagResource", _untag_resource),
    "DisableKey": ("kms:DisableKey", _disable_key),
    "EnableKey": ("kms:EnableKey", _enable_key),
    "CreateAlias+DeleteAlias": ("kms:CreateAlias", _create_and_delete_alias),
}


def check_key_op(g: Guide, caller: str, op: str, key_arn: str, expected: str):
    """Runs `op` on the key as `caller` and checks the decision (and, if refused, AWS's message)."""
    action, call = KEY_OPS[op]
    region = key_arn.split(":")[3]
    if expected == ALLOWED:
        call(g.client(caller, region), key_arn, g.root_of(key_arn))
    else:
        resp = expect_error(call, g.client(caller, region), key_arn, g.root_of(key_arn))
        assert_access_denied(resp, who(caller).arn, action, key_arn, expected)


def check(g: Guide, caller: str, expected: str, action: str, resource: str, call):
    """Like check_key_op for a call that is not one of KEY_OPS; `call(client)` checks its result."""
    client = g.client(caller)
    if expected == ALLOWED:
        call(client)
    else:
        assert_access_denied(expect_error(call, client), who(caller).arn, action, resource, expected)


def cases(*rows):
    """pytest params from (caller, op, expected[, key]) rows, with readable ids."""
    return [pytest.param(*row, id="-".join(str(x) for x in row)) for row in rows]


# ---------------------------------------------------------------------------------------------
# Using Key Policies: Default Key Policy, Example Key Policy.

def test_programmatic_default_key_policy_is_the_guides_root_statement(guide):
    """"If you don't provide one, AWS KMS creates one for you. This default key policy has one
    policy statement that gives the AWS account (root user) that owns the CMK full access to the
    CMK." (Default Key Policy)"""
    doc = json.loads(guide.root_of(guide.keys["default"]).get_key_policy(KeyId=guide.keys["default"],
                                                                          PolicyName="default")["Policy"])
    assert doc["Statement"] == [root_statement()]


@pytest.fixture(scope="module")
def root_statement_key(guide):
    return guide.create_key(policy(root_statement()))


@pytest.mark.parametrize("caller,op,expected", cases(
    ("root", "Encrypt", ALLOWED),
    ("root", "PutKeyPolicy", ALLOWED),
    ("root", "DisableKey", ALLOWED),
    ("Bob", "Encrypt", ALLOWED),
    ("Bob", "DescribeKey", ALLOWED),
    ("Alice", "Encrypt", NO_IAM),
    ("Alice", "DescribeKey", NO_IAM),
    ("KMSUser", "Decrypt", NO_IAM),
))
def test_root_statement_enables_iam_policies(guide, root_statement_key, caller, op, expected):
    """"Giving the AWS account full access to the CMK does this; it enables you to use IAM
    policies to give IAM users and roles in the account access to the CMK. It does not by itself
    give any IAM users or roles access to the CMK" (Allows Access to the AWS Account and Enables
    IAM Policies). Bob's IAM policy allows kms:*; Alice and KMSUser have none."""
    check_key_op(guide, caller, op, root_statement_key, expected)


@pytest.fixture(scope="module")
def alice_only_key(guide):
    alice_manages = {"Effect": "Allow", "Principal": {"AWS": who("Alice").arn}, "Action": "kms:*", "Resource": "*"}
    return guide.create_key(policy(alice_manages), bypass=True)


@pytest.mark.parametrize("caller,op,expected", cases(
    ("Alice", "DescribeKey", ALLOWED),
    ("Alice", "GetKeyPolicy", ALLOWED),
    ("root", "DescribeKey", NO_KEY_POLICY),
    ("root", "GetKeyPolicy", NO_KEY_POLICY),
))
def test_root_user_has_no_access_the_key_policy_does_not_give(guide, alice_only_key, caller, op, expected):
    """"A CMK's key policy allows only one IAM user, Alice, to manage the CMK. This key policy
    does not allow access to the root user. ... The root user does not have access to the CMK,
    because the root user can access a CMK only when the key policy explicitly allows it."
    (Allows Access to the AWS Account and Enables IAM Policies)"""
    check_key_op(guide, caller, op, alice_only_key, expected)


@pytest.fixture(scope="module")
def administrators_key(guide):
    return guide.create_key(policy(root_statement(), guide_statement(KEY_ADMINISTRATORS_STATEMENT)))


@pytest.mark.parametrize("op,expected", [
    *[pytest.param(op, ALLOWED, id=f"{op}-allowed") for op in (
        "DescribeKey", "ListKeyPolicies", "ListResourceTags", "GetKeyPolicy", "PutKeyPolicy",
        "UpdateKeyDescription", "TagResource", "UntagResource", "DisableKey", "EnableKey",
        "CreateAlias+DeleteAlias")],
    *[pytest.param(op, NO_IAM, id=f"{op}-denied") for op in (
        "Encrypt", "Decrypt", "ReEncrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext")],
])
def test_key_administrators_statement(guide, administrators_key, op, expected):
    """"Key administrators have permissions to manage the CMK, but do not have permissions to use
    the CMK to encrypt and decrypt data." (Allows Key Administrators to Administer the CMK; the
    caller is KMSAdminUser, whose IAM policy covers only alias resources.)"""
    check_key_op(guide, "KMSAdminUser", op, administrators_key, expected)


@pytest.fixture(scope="module")
def key_users_key(guide):
    attachment = next(s for s in json.loads(guide_document(EXAMPLE_KEY_POLICY, ("kms>Delete*", "kms:Delete*")))["Statement"]
                      if s["Sid"] == "Allow attachment of persistent resources")
    return guide.create_key(policy(root_statement(), guide_statement(KEY_USERS_STATEMENT), attachment))


@pytest.mark.parametrize("caller,op,expected", cases(
    *[("KMSUser", op, ALLOWED) for op in (
        "Encrypt", "Decrypt", "ReEncrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "DescribeKey")],
    *[("KMSUser", op, NO_IAM) for op in (
        "GetKeyPolicy", "PutKeyPolicy", "DisableKey", "UpdateKeyDescription", "TagResource", "ListKeyPolicies")],
    ("external-root", "Encrypt", ALLOWED),
    ("external-root", "Decrypt", ALLOWED),
    ("external-root", "DescribeKey", ALLOWED),
    ("external-root", "DisableKey", NO_KEY_POLICY),
    ("external-root", "GetKeyPolicy", NO_KEY_POLICY),
    ("ExternalUser", "GenerateDataKey", ALLOWED),
    ("ExternalUser", "ReEncrypt", ALLOWED),
    ("ExternalUser", "UpdateKeyDescription", NO_KEY_POLICY),
    ("ExternalUserNoPolicy", "Encrypt", NO_IAM),
))
def test_key_users_statements(guide, key_users_key, caller, op, expected):
    """"Key users have permissions to use the CMK directly for encryption and decryption." The
    statement names IAM user KMSUser and the external account 444455556666; in that account,
    ExternalUser has an IAM policy allowing kms:*, ExternalUserNoPolicy has none ("When you add
    external AWS accounts to a key policy, you must also use IAM policies in the external accounts
    to give permissions", Modifying a Key Policy). (Allows Key Users to Use the CMK)"""
    check_key_op(guide, caller, op, key_users_key, expected)


@pytest.fixture(scope="module")
def example_policy_key(guide):
    # The extraction of the guide printed "kms:Delete*" as "kms>Delete*" in this policy (it is
    # "kms:Delete*" in the key administrators statement it repeats).
    return guide.create_key(guide_document(EXAMPLE_KEY_POLICY, ("kms>Delete*", "kms:Delete*")))


@pytest.mark.parametrize("caller,op,expected", cases(
    ("root", "ReEncrypt", ALLOWED),
    ("root", "PutKeyPolicy", ALLOWED),
    ("KMSAdminUser", "DisableKey", ALLOWED),
    ("KMSAdminUser", "PutKeyPolicy", ALLOWED),
    ("KMSAdminUser", "CreateAlias+DeleteAlias", ALLOWED),
    ("KMSAdminUser", "GenerateDataKey", NO_IAM),
    ("KMSAdminUser", "Decrypt", NO_IAM),
    ("KMSUser", "Encrypt", ALLOWED),
    ("KMSUser", "Decrypt", ALLOWED),
    ("KMSUser", "GenerateDataKeyWithoutPlaintext", ALLOWED),
    ("KMSUser", "EnableKey", NO_IAM),
    ("KMSUser", "GetKeyPolicy", NO_IAM),
    ("external-root", "GenerateDataKey", ALLOWED),
    ("external-root", "PutKeyPolicy", NO_KEY_POLICY),
    ("ExternalUser", "Decrypt", ALLOWED),
    ("ExternalUser", "TagResource", NO_KEY_POLICY),
    ("ExternalUserNoPolicy", "DescribeKey", NO_IAM),
    ("Alice", "Encrypt", NO_IAM),
    ("Bob", "DisableKey", ALLOWED),
))
def test_example_key_policy(guide, example_policy_key, caller, op, expected):
    """"Allows the AWS account (root user) 111122223333 full access to the CMK, and thus enables
    IAM policies in the account to allow access to the CMK. Allows IAM user KMSAdminUser and IAM
    role KMSAdminRole to administer the CMK. Allows IAM user KMSUser, IAM role KMSRole, and AWS
    account 444455556666 to use the CMK." (Example Key Policy)"""
    check_key_op(guide, caller, op, example_policy_key, expected)


@pytest.fixture(scope="module")
def evaluation_keys(guide):
    cmk2_statement = {"Effect": "Allow", "Principal": {"AWS": [who("Alice").arn, who("Charlie").arn]},
                      "Action": "kms:*", "Resource": "*"}
    return {"CMK1": guide.create_key(policy(root_statement())),
            "CMK2": guide.create_key(policy(cmk2_statement), bypass=True)}


@pytest.mark.parametrize("caller,cmk,expected", cases(
    ("Alice", "CMK1", NO_IAM),
    ("Alice", "CMK2", ALLOWED),
    ("Bob", "CMK1", ALLOWED),
    ("Bob", "CMK2", NO_KEY_POLICY),
    ("Charlie", "CMK1", IAM_DENY),
    ("Charlie", "CMK2", IAM_DENY),
))
@pytest.mark.parametrize("op", ["Encrypt", "DescribeKey"])
def test_understanding_policy_evaluation(guide, evaluation_keys, caller, cmk, expected, op):
    """"Alice cannot access CMK1 ... Alice can access CMK2 because the CMK's key policy explicitly
    allows her access. Bob can access CMK1 ... Bob cannot access CMK2 because the key policy for
    CMK2 does not allow access to the account ... The explicit deny in Charlie's IAM policy
    overrides the explicit allow in CMK2's key policy." (Understanding Policy Evaluation)"""
    check_key_op(guide, caller, op, evaluation_keys[cmk], expected)


# ---------------------------------------------------------------------------------------------
# Allowing External AWS Accounts to Access a CMK.

@pytest.mark.parametrize("caller,op,key,expected", cases(
    *[("CrossAccountUser", op, "external-shared", ALLOWED) for op in (
        "Encrypt", "Decrypt", "ReEncrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "DescribeKey")],
    ("CrossAccountUser", "DisableKey", "external-shared", NO_KEY_POLICY),
    ("CrossAccountUser", "Encrypt", "external-unshared", NO_KEY_POLICY),
    ("CrossAccountUser", "DescribeKey", "external-unshared", NO_KEY_POLICY),
    ("KMSUser", "Encrypt", "external-shared", NO_IAM),
    ("Alice", "DescribeKey", "external-shared", NO_IAM),
))
def test_external_account_needs_key_policy_and_iam_policy(guide, caller, op, key, expected):
    """"suppose that users or roles in account 111122223333 need to use a CMK in account
    444455556666. To allow this, you must do two things: 1. Modify the key policy for the CMK in
    account 444455556666. 2. Add an IAM policy (or modify an existing one) for the users or roles
    in account 111122223333. Neither step by itself is sufficient" (Allowing External AWS Accounts
    to Access a CMK). The shared key's policy adds account 111122223333 to the key users statement;
    CrossAccountUser has the guide's IAM policy for it and for the unshared key."""
    check_key_op(guide, caller, op, guide.keys[key], expected)


# ---------------------------------------------------------------------------------------------
# Using IAM Policies with AWS KMS: Customer Managed Policy Examples.

def _list_keys_includes_default(g):
    def call(client):
        listed = {k["KeyArn"] for k in client.list_keys(Limit=1000)["Keys"]}
        assert g.keys["default"] in listed
    return call


def _list_aliases(client):
    assert isinstance(client.list_aliases()["Aliases"], list)


def _create_key(client, **kwargs):
    arn = client.create_key(**kwargs)["KeyMetadata"]["Arn"]
    assert arn.startswith(f"arn:aws:kms:{REGION}:{ACCOUNT}:key/")


@pytest.mark.parametrize("op,expected", [
    *[pytest.param(op, ALLOWED, id=f"{op}-allowed") for op in (
        "ListKeys", "ListAliases", "DescribeKey", "ListKeyPolicies", "GetKeyPolicy")],
    *[pytest.param(op, NO_IAM, id=f"{op}-denied") for op in (
        "CreateKey", "Encrypt", "DisableKey", "UpdateKeyDescription", "PutKeyPolicy", "TagResource")],
])
def test_iam_read_only_access_to_all_cmks(guide, op, expected):
    """"users can use the console to view all CMKs, but they cannot make changes to any CMKs or
    create new ones." (Allow a User Read-Only Access to All CMKs through the AWS KMS Console)"""
    if op in KEY_OPS:
        check_key_op(guide, "ReadOnlyUser", op, guide.keys["default"], expected)
    else:
        call = {"ListKeys": _list_keys_includes_default(guide), "ListAliases": _list_aliases,
                "CreateKey": _create_key}[op]
        check(guide, "ReadOnlyUser", expected, f"kms:{op}", "*", call)


@pytest.mark.parametrize("op,key,expected", cases(
    ("Encrypt", "default", ALLOWED),
    ("Decrypt", "default", ALLOWED),
    ("Encrypt", "default-other-region", ALLOWED),
    ("Decrypt", "default-other-region", ALLOWED),
    ("GenerateDataKey", "default", NO_IAM),
    ("DescribeKey", "default", NO_IAM),
    ("Encrypt", "external-shared", NO_IAM),
))
def test_iam_encrypt_decrypt_with_any_cmk_in_an_account(guide, op, key, expected):
    """"The following policy allows a user to successfully request that AWS KMS encrypt and
    decrypt data with any CMK in AWS account 111122223333." (Allow a User to Encrypt and Decrypt
    with Any CMK in a Specific AWS Account; the external key's policy names account 111122223333.)"""
    check_key_op(guide, "AccountUser", op, guide.keys[key], expected)


@pytest.mark.parametrize("op,key,expected", cases(
    ("Encrypt", "default", ALLOWED),
    ("Decrypt", "default", ALLOWED),
    ("Encrypt", "default-other-region", NO_IAM),
    ("Decrypt", "default-other-region", NO_IAM),
    ("ReEncrypt", "default", NO_IAM),
))
def test_iam_encrypt_decrypt_with_any_cmk_in_an_account_and_region(guide, op, key, expected):
    """"The following policy allows a user to successfully request that AWS KMS encrypt and
    decrypt data with any CMK in AWS account 111122223333 in the US West (Oregon) region." (Allow
    a User to Encrypt and Decrypt with Any CMK in a Specific AWS Account and Region)"""
    check_key_op(guide, "RegionUser", op, guide.keys[key], expected)


@pytest.mark.parametrize("op,key,expected", cases(
    ("Encrypt", "specific-1", ALLOWED),
    ("Decrypt", "specific-1", ALLOWED),
    ("Encrypt", "specific-2", ALLOWED),
    ("Decrypt", "specific-2", ALLOWED),
    ("GenerateDataKey", "specific-1", NO_IAM),
    ("Encrypt", "default", NO_IAM),
    ("Decrypt", "default", NO_IAM),
))
def test_iam_encrypt_decrypt_with_specific_cmks(guide, op, key, expected):
    """"The following policy allows a user to successfully request that AWS KMS encrypt and
    decrypt data with the two CMKs specified in the policy's Resource element." (Allow a User to
    Encrypt and Decrypt with Specific CMKs)"""
    check_key_op(guide, "SpecificKeysUser", op, guide.keys[key], expected)


@pytest.fixture(scope="module")
def no_disable_user_named_key(guide):
    named = {"Sid": "NoDisableUser may do anything", "Effect": "Allow",
             "Principal": {"AWS": who("NoDisableUser").arn}, "Action": "kms:*", "Resource": "*"}
    return guide.create_key(policy(root_statement(), named))


@pytest.mark.parametrize("key_policy", ["default key policy", "names the user"])
@pytest.mark.parametrize("op,expected", cases(
    ("DisableKey", IAM_DENY),
    ("EnableKey", ALLOWED),
    ("UpdateKeyDescription", ALLOWED),
    ("Encrypt", ALLOWED),
    ("PutKeyPolicy", ALLOWED),
))
def test_iam_deny_disabling_or_deleting_any_cmk(guide, no_disable_user_named_key, key_policy, op, expected):
    """"The following policy prevents a user from disabling or deleting any CMKs, even when
    another IAM policy or a key policy allows these permissions. A policy that explicitly denies
    permissions overrides all other policies" (Prevent a User from Disabling or Deleting Any CMKs).
    NoDisableUser also has an IAM policy allowing kms:*. ScheduleKeyDeletion is not supported yet:
    only the deny of DisableKey is checked, and that the statement leaves other operations alone."""
    key = guide.keys["default"] if key_policy == "default key policy" else no_disable_user_named_key
    check_key_op(guide, "NoDisableUser", op, key, expected)


def test_iam_deny_disabling_or_deleting_still_allows_creating_keys(guide):
    """"A policy that explicitly denies permissions overrides all other policies, even those that
    explicitly allow the same permissions." -- and only those: CreateKey stays allowed."""
    check(guide, "NoDisableUser", ALLOWED, "kms:CreateKey", "*", _create_key)


# ---------------------------------------------------------------------------------------------
# Using Policy Conditions with AWS KMS.

@pytest.mark.parametrize("caller,op,expected", cases(
    ("IpRestrictedUser", "Encrypt", IAM_DENY),
    ("IpRestrictedUser", "DescribeKey", IAM_DENY),
    ("IpRestrictedUser", "ListKeys", IAM_DENY),
    ("IpApprovedUser", "Encrypt", ALLOWED),
    ("IpApprovedUser", "DescribeKey", ALLOWED),
    ("IpApprovedUser", "ListKeys", ALLOWED),
))
def test_source_ip_condition(guide, caller, op, expected):
    """"The policy you attached at step 1 contains an explicit deny statement that denies all
    requests that don't come from the approved IP addresses" (Using the IP Address Condition in
    Policies with AWS KMS Permissions). Both users also have an IAM policy allowing kms:*; the
    requests come from 127.0.0.1, outside the printed ranges, which IpApprovedUser's copy replaces
    192.0.2.0/24 with 127.0.0.0/8."""
    if op == "ListKeys":
        check(guide, caller, expected, "kms:ListKeys", "*", _list_keys_includes_default(guide))
    else:
        check_key_op(guide, caller, op, guide.keys["default"], expected)


@pytest.fixture(scope="module")
def encryption_context_key(guide):
    return guide.create_key(policy(root_statement(), guide_statement(ENCRYPTION_CONTEXT_STATEMENT, AS_USER_EXAMPLE_APP)))


EXAMPLE_CONTEXT = {"AppName": "ExampleApp", "FilePath": "/var/opt/secrets/"}


@pytest.mark.parametrize("action,context,expected", [
    pytest.param("kms:GenerateDataKey", EXAMPLE_CONTEXT, ALLOWED, id="both-pairs"),
    pytest.param("kms:GenerateDataKey", {**EXAMPLE_CONTEXT, "Stage": "Test"}, ALLOWED, id="both-pairs-and-another"),
    pytest.param("kms:GenerateDataKey", {"AppName": "ExampleApp"}, NO_IAM, id="AppName-only"),
    pytest.param("kms:GenerateDataKey", {**EXAMPLE_CONTEXT, "FilePath": "/tmp/"}, NO_IAM, id="other-FilePath"),
    pytest.param("kms:GenerateDataKey", {**EXAMPLE_CONTEXT, "AppName": "exampleapp"}, NO_IAM, id="value-case-differs"),
    pytest.param("kms:GenerateDataKey", None, NO_IAM, id="no-context"),
    pytest.param("kms:Encrypt", EXAMPLE_CONTEXT, NO_IAM, id="Encrypt-not-in-statement"),
])
def test_encryption_context_condition(guide, encryption_context_key, action, context, expected):
    """"The following example policy statement uses the kms:EncryptionContext: condition key
    prefix to allow access to use a CMK only when the encryption context contains the following
    key–value pairs: AppName = ExampleApp, FilePath = /var/opt/secrets/" (kms:EncryptionContext:).
    The statement's role RoleForExampleApp is the user ExampleApp here."""
    key, kwargs = encryption_context_key, ({} if context is None else {"EncryptionContext": context})

    def call(client):
        if action == "kms:Encrypt":
            assert client.encrypt(KeyId=key, Plaintext=PLAINTEXT, **kwargs)["KeyId"] == key
        else:
            assert client.generate_data_key(KeyId=key, KeySpec="AES_256", **kwargs)["KeyId"] == key
    check(guide, "ExampleApp", expected, action, key, call)


@pytest.fixture(scope="module")
def encryption_context_case_key(guide):
    return guide.create_key(policy(root_statement(), guide_statement(ENCRYPTION_CONTEXT_CASE_STATEMENT, AS_USER_EXAMPLE_APP)))


@pytest.mark.parametrize("context,expected", [
    pytest.param({"AppName": "ExampleApp"}, ALLOWED, id="AppName"),
    pytest.param({"appname": "ExampleApp"}, ALLOWED, id="appname"),
    pytest.param({"Appname": "ExampleApp", "Stage": "Test"}, ALLOWED, id="Appname-and-another"),
    pytest.param({"AppName": "exampleapp"}, NO_IAM, id="value-case-differs"),
    pytest.param({"Stage": "ExampleApp"}, NO_IAM, id="other-key"),
])
def test_encryption_context_condition_key_is_case_insensitive(guide, encryption_context_case_key, context, expected):
    """AWS docs, kms:EncryptionContext:context-key: "the following policy statement allows the
    operation when the encryption context includes an Appname key, regardless of its
    capitalization. The StringEquals condition requires that ExampleApp be capitalized as it is
    specified." (RoleForExampleApp is the user ExampleApp here.)"""
    key = encryption_context_case_key
    blob = guide.root_of(key).encrypt(KeyId=key, Plaintext=PLAINTEXT, EncryptionContext=context)["CiphertextBlob"]

    def call(client):
        assert client.decrypt(CiphertextBlob=blob, EncryptionContext=context)["Plaintext"] == PLAINTEXT
    check(guide, "ExampleApp", expected, "kms:Decrypt", key, call)


@pytest.fixture(scope="module")
def encryption_context_keys_key(guide):
    return guide.create_key(policy(root_statement(), guide_statement(ENCRYPTION_CONTEXT_KEYS_STATEMENT, AS_USER_EXAMPLE_APP)))


@pytest.mark.parametrize("action,context,expected", [
    pytest.param("kms:Encrypt", {"AppName": "anything"}, ALLOWED, id="Encrypt-with-context"),
    pytest.param("kms:GenerateDataKey", {"Project": "Alpha"}, ALLOWED, id="GenerateDataKey-with-context"),
    pytest.param("kms:GenerateDataKeyWithoutPlaintext", {"x": "y"}, ALLOWED, id="WithoutPlaintext-with-context"),
    pytest.param("kms:Encrypt", None, NO_IAM, id="Encrypt-no-context"),
    pytest.param("kms:GenerateDataKey", {}, NO_IAM, id="GenerateDataKey-empty-context"),
    pytest.param("kms:GenerateDataKeyWithoutPlaintext", None, NO_IAM, id="WithoutPlaintext-no-context"),
])
def test_encryption_context_keys_condition(guide, encryption_context_keys_key, action, context, expected):
    """"uses the kms:EncryptionContextKeys condition key with the Null condition operator to allow
    access to use a CMK only when the request contains encryption context." (kms:EncryptionContextKeys;
    RoleForExampleApp is the user ExampleApp here.)"""
    key, kwargs = encryption_context_keys_key, ({} if context is None else {"EncryptionContext": context})

    def call(client):
        if action == "kms:Encrypt":
            resp = client.encrypt(KeyId=key, Plaintext=PLAINTEXT, **kwargs)
        elif action == "kms:GenerateDataKey":
            resp = client.generate_data_key(KeyId=key, KeySpec="AES_256", **kwargs)
        else:
            resp = client.generate_data_key_without_plaintext(KeyId=key, KeySpec="AES_256", **kwargs)
        assert resp["KeyId"] == key
    check(guide, "ExampleApp", expected, action, key, call)


@pytest.fixture(scope="module")
def caller_account_keys(guide):
    printed = guide_statement(CALLER_ACCOUNT_STATEMENT, ("are\nauthorized", "are authorized"))
    without_via_service = json.loads(json.dumps(printed))
    del without_via_service["Condition"]["StringEquals"]["kms:ViaService"]
    return {"as printed": guide.create_key(policy(root_statement(), printed)),
            "without kms:ViaService": guide.create_key(policy(root_statement(), without_via_service))}


@pytest.mark.parametrize("caller,op,key,expected", cases(
    ("Alice", "Encrypt", "without kms:ViaService", ALLOWED),
    ("KMSUser", "GenerateDataKey", "without kms:ViaService", ALLOWED),
    ("ExampleUser", "DescribeKey", "without kms:ViaService", ALLOWED),
    ("ExampleUser", "GetKeyPolicy", "without kms:ViaService", NO_IAM),
    ("ExternalUser", "Encrypt", "without kms:ViaService", NO_KEY_POLICY),
    ("Alice", "Encrypt", "as printed", NO_IAM),
    ("KMSUser", "DescribeKey", "as printed", NO_IAM),
))
def test_caller_account_condition(guide, caller_account_keys, caller, op, key, expected):
    """"It combines a Principal element that specifies all AWS identities with the
    kms:CallerAccount condition key to effectively allow access to all identities in AWS account
    111122223333. It contains an additional AWS KMS condition key (kms:ViaService) to further
    limit the permissions by only allowing requests that come through Amazon EBS."
    (kms:CallerAccount) Requests cannot come through EBS here, so the statement as printed must
    refuse them; a copy without the kms:ViaService condition shows the kms:CallerAccount part
    (Alice, KMSUser, ExampleUser have no IAM policy; ExternalUser's allows kms:*)."""
    check_key_op(guide, caller, op, caller_account_keys[key], expected)


def _create_key_bypassing_lockout_check(client):
    only_alice = policy({"Effect": "Allow", "Principal": {"AWS": who("Alice").arn}, "Action": "kms:*", "Resource": "*"})
    _create_key(client, Policy=only_alice, BypassPolicyLockoutSafetyCheck=True)


@pytest.mark.parametrize("caller,bypass,expected", cases(
    ("NoBypassUser", False, ALLOWED),
    ("NoBypassUser", True, IAM_DENY),
    ("Bob", True, ALLOWED),
))
def test_bypass_policy_lockout_safety_check_condition(guide, caller, bypass, expected):
    """"you can prevent users from bypassing the policy lockout safety check by denying them
    permission to create CMKs when the request's BypassPolicyLockoutSafetyCheck parameter is
    true" (kms:BypassPolicyLockoutSafetyCheck). NoBypassUser has the printed IAM policy and one
    allowing kms:*; Bob only the latter."""
    check(guide, caller, expected, "kms:CreateKey", "*",
          _create_key_bypassing_lockout_check if bypass else _create_key)


@pytest.fixture(scope="module")
def same_key_keys(guide):
    key_policy = policy(root_statement(), guide_statement(REENCRYPT_ON_SAME_KEY_STATEMENT,
                                                          ('"ReEncrypt*"', '"kms:ReEncrypt*"')))
    return guide.create_key(key_policy), guide.create_key(key_policy)


@pytest.mark.parametrize("destination,expected", [("same key", ALLOWED), ("other key", NO_IAM)])
def test_reencrypt_on_same_key_condition(guide, same_key_keys, destination, expected):
    """"the following policy statement uses the kms:ReEncryptOnSameKey condition key to allow a
    user to re-encrypt only when the destination CMK is the same one used for the original
    encryption." (kms:ReEncryptOnSameKey; both keys have the statement.)"""
    source, other = same_key_keys
    target = source if destination == "same key" else other
    blob = guide.root_of(source).encrypt(KeyId=source, Plaintext=PLAINTEXT)["CiphertextBlob"]

    def call(client):
        resp = client.re_encrypt(CiphertextBlob=blob, DestinationKeyId=target)
        assert (resp["SourceKeyId"], resp["KeyId"]) == (source, target)
    check(guide, "ExampleUser", expected, "kms:ReEncryptFrom", source, call)


def test_reencrypt_on_same_key_condition_allows_nothing_else(guide, same_key_keys):
    """The statement allows only kms:ReEncrypt*: ExampleUser can re-encrypt on the same key (above)
    but not decrypt with it."""
    check_key_op(guide, "ExampleUser", "Decrypt", same_key_keys[0], NO_IAM)


@pytest.mark.parametrize("action,algorithm,expected", [
    pytest.param("kms:Encrypt", None, ALLOWED, id="Encrypt-default-algorithm"),
    pytest.param("kms:Encrypt", "SYMMETRIC_DEFAULT", ALLOWED, id="Encrypt-SYMMETRIC_DEFAULT"),
    pytest.param("kms:Decrypt", None, ALLOWED, id="Decrypt-default-algorithm"),
    pytest.param("kms:GenerateDataKey", None, ALLOWED, id="GenerateDataKey"),
    pytest.param("kms:Encrypt", "RSAES_OAEP_SHA_256", IAM_DENY, id="Encrypt-RSAES_OAEP_SHA_256"),
    pytest.param("kms:Decrypt", "RSAES_OAEP_SHA_1", IAM_DENY, id="Decrypt-RSAES_OAEP_SHA_1"),
])
def test_encryption_algorithm_condition(guide, action, algorithm, expected):
    """AWS docs, kms:EncryptionAlgorithm: "You can also use the kms:EncryptionAlgorithm condition
    key to control access to operations based on the encryption algorithm used in the operation,
    even when the algorithm isn't specified in the request. ... this IAM policy limits its
    principals to symmetric encryption. ... The condition has no effect on these operations
    [GenerateDataKey*] because they always use a symmetric encryption algorithm." SymmetricOnlyUser
    has that deny statement and an IAM policy allowing kms:*."""
    key = guide.keys["default"]
    kwargs = {} if algorithm is None else {"EncryptionAlgorithm": algorithm}
    blob = guide.root_of(key).encrypt(KeyId=key, Plaintext=PLAINTEXT)["CiphertextBlob"]

    def call(client):
        if action == "kms:Encrypt":
            assert client.encrypt(KeyId=key, Plaintext=PLAINTEXT, **kwargs)["EncryptionAlgorithm"] == "SYMMETRIC_DEFAULT"
        elif action == "kms:Decrypt":
            assert client.decrypt(CiphertextBlob=blob, KeyId=key, **kwargs)["Plaintext"] == PLAINTEXT
        else:
            assert client.generate_data_key(KeyId=key, KeySpec="AES_256")["KeyId"] == key
    check(guide, "SymmetricOnlyUser", expected, action, key, call)


@pytest.mark.parametrize("caller,op,expected", cases(
    ("KeySpecUser", "Encrypt", ALLOWED),
    ("KeySpecUser", "Decrypt", ALLOWED),
    ("KeySpecUser", "DescribeKey", ALLOWED),
    ("KeySpecUser", "GenerateDataKey", NO_IAM),
    ("KeySpecUser", "CreateKey", NO_IAM),
    ("SymmetricCreatorUser", "CreateKey", ALLOWED),
    ("SymmetricCreatorUser", "CreateKey(KeySpec=SYMMETRIC_DEFAULT)", ALLOWED),
    ("SymmetricCreatorUser", "CreateKey(KeySpec=RSA_2048)", NO_IAM),
))
def test_key_spec_condition(guide, caller, op, expected):
    """AWS docs, kms:KeySpec: "The kms:KeySpec condition key controls access to operations based on
    the value of the KeySpec property of the KMS key that is created by or used in the operation."
    "This type of condition works even when the parameter doesn't appear in the request ... This
    condition allows requests that have the KeySpec parameter with the SYMMETRIC_DEFAULT value and
    requests that have no KeySpec parameter." KeySpecUser has the two printed statements (create
    only RSA_* keys; use only SYMMETRIC_DEFAULT keys); SymmetricCreatorUser the one described."""
    if op in KEY_OPS:
        check_key_op(guide, caller, op, guide.keys["default"], expected)
    else:
        kwargs = {"CreateKey": {}, "CreateKey(KeySpec=SYMMETRIC_DEFAULT)": {"KeySpec": "SYMMETRIC_DEFAULT"},
                  "CreateKey(KeySpec=RSA_2048)": {"KeySpec": "RSA_2048", "KeyUsage": "ENCRYPT_DECRYPT"}}[op]
        check(guide, caller, expected, "kms:CreateKey", "*", lambda client: _create_key(client, **kwargs))


@pytest.mark.parametrize("op,expected", [
    pytest.param("CreateKey", ALLOWED, id="CreateKey-default-usage"),
    pytest.param("CreateKey(KeyUsage=ENCRYPT_DECRYPT)", ALLOWED, id="CreateKey-ENCRYPT_DECRYPT"),
    pytest.param("CreateKey(KeyUsage=SIGN_VERIFY)", NO_IAM, id="CreateKey-SIGN_VERIFY"),
    pytest.param("DescribeKey", NO_IAM, id="DescribeKey-of-an-ENCRYPT_DECRYPT-key"),
])
def test_key_usage_condition(guide, op, expected):
    """AWS docs, kms:KeyUsage: "The following example IAM policy statement uses the kms:KeyUsage
    condition key to allow a user to create a KMS key only when the KeyUsage is ENCRYPT_DECRYPT"
    and "the following IAM policy allows principals to perform the specified KMS key resource
    operations, but only with KMS keys in the account that are used for signing and verification."
    KeyUsageUser has both statements. (ENCRYPT_DECRYPT is CreateKey's default KeyUsage.)"""
    if op in KEY_OPS:
        check_key_op(guide, "KeyUsageUser", op, guide.keys["default"], expected)
    else:
        kwargs = {"CreateKey": {}, "CreateKey(KeyUsage=ENCRYPT_DECRYPT)": {"KeyUsage": "ENCRYPT_DECRYPT"},
                  "CreateKey(KeyUsage=SIGN_VERIFY)": {"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"}}[op]
        check(guide, "KeyUsageUser", expected, "kms:CreateKey", "*", lambda client: _create_key(client, **kwargs))


@pytest.mark.parametrize("caller,op,expected", cases(
    ("CloudHsmOriginUser", "Encrypt", NO_IAM),
    ("CloudHsmOriginUser", "GenerateDataKey", NO_IAM),
    ("KmsOriginUser", "Encrypt", ALLOWED),
    ("KmsOriginUser", "GenerateDataKey", ALLOWED),
    ("KmsOriginUser", "ReEncrypt", ALLOWED),
    ("KmsOriginUser", "DescribeKey", NO_IAM),
))
def test_key_origin_condition(guide, caller, op, expected):
    """AWS docs, kms:KeyOrigin: "the following IAM policy allows principals to perform the
    specified KMS key resource operations, but only with KMS keys in the account that were created
    in a custom key store." CloudHsmOriginUser has it as printed (AWS_CLOUDHSM); KmsOriginUser the
    same statement for AWS_KMS, the origin of every key Arca creates."""
    check_key_op(guide, caller, op, guide.keys["default"], expected)


@pytest.fixture(scope="module")
def finance_key(guide):
    """A key whose policy has the kms:RequestAlias statement, with the alias alias/finance-key."""
    arn = guide.create_key(policy(root_statement(), guide_statement(REQUEST_ALIAS_STATEMENT,
                                                                    ("role/developer", "user/developer"))))
    root = guide.root_of(arn)
    root.create_alias(AliasName="alias/finance-key", TargetKeyId=arn)
    root.create_alias(AliasName="alias/finance-other", TargetKeyId=arn)
    return arn


@pytest.mark.parametrize("identifier,expected", [
    pytest.param("alias/finance-key", ALLOWED, id="alias-name"),
    pytest.param(f"arn:aws:kms:{REGION}:{ACCOUNT}:alias/finance-key", ALLOWED, id="alias-ARN"),
    pytest.param("key ARN", NO_IAM, id="key-ARN"),
    pytest.param("key ID", NO_IAM, id="key-ID"),
    pytest.param("alias/finance-other", NO_IAM, id="another-alias"),
])
def test_request_alias_condition(guide, finance_key, identifier, expected):
    """AWS docs, kms:RequestAlias: "the following key policy statement allows the principal to call
    the GenerateDataKey operation on the KMS key. However this is permitted only when the value of
    the KeyId parameter in the request is alias/finance-key or an alias ARN with that alias name"
    and "If the request uses a different key identifier, it does not satisfy the condition, even if
    identifies the same KMS key." (role developer is the user developer here)"""
    key_id = {"key ARN": finance_key, "key ID": finance_key.rsplit("/", 1)[1]}.get(identifier, identifier)

    def call(client):
        assert client.generate_data_key(KeyId=key_id, KeySpec="AES_256")["KeyId"] == finance_key
    check(guide, "developer", expected, "kms:GenerateDataKey", finance_key, call)


@pytest.mark.parametrize("key,identifier,expected", [
    pytest.param("finance", "key ARN", ALLOWED, id="finance-key-by-ARN"),
    pytest.param("finance", "key ID", ALLOWED, id="finance-key-by-ID"),
    pytest.param("finance", "alias/finance-other", ALLOWED, id="finance-key-by-other-alias"),
    pytest.param("default", "key ARN", NO_IAM, id="key-without-the-alias"),
])
def test_resource_aliases_condition(guide, finance_key, key, identifier, expected):
    """AWS docs, kms:ResourceAliases: "the following IAM policy statement allows the principal to
    call the GenerateDataKey operation on any KMS key in the specified AWS account that is
    associated with the finance-key alias. ... a call to GenerateDataKey succeeds for any KMS key
    associated with the finance-key alias, even if the request uses a key ID or key ARN to
    identify the KMS key." (FinanceUser has that statement.)"""
    arn = finance_key if key == "finance" else guide.keys["default"]
    key_id = {"key ARN": arn, "key ID": arn.rsplit("/", 1)[1]}.get(identifier, identifier)

    def call(client):
        assert client.generate_data_key(KeyId=key_id, KeySpec="AES_256")["KeyId"] == arn
    check(guide, "FinanceUser", expected, "kms:GenerateDataKey", arn, call)


@pytest.mark.parametrize("aliases,expected", [
    pytest.param(["alias/guide-Test-{}"], ALLOWED, id="one-Test-alias"),
    pytest.param(["alias/guide-Test-{}", "alias/guide-{}-Test"], ALLOWED, id="two-Test-aliases"),
    pytest.param(["alias/guide-Test-{}", "alias/guide-prod-{}"], NO_IAM, id="Test-and-other-alias"),
    pytest.param(["alias/guide-prod-{}"], NO_IAM, id="other-alias-only"),
    pytest.param([], NO_IAM, id="no-alias"),
])
@pytest.mark.parametrize("op", ["DisableKey", "EnableKey"])
def test_resource_aliases_all_values_condition(guide, aliases, expected, op):
    """AWS docs, kms:ResourceAliases: "allows the principal to enable and disable KMS keys but only
    when all aliases of the KMS keys include "Test." ... Without the ForAnyValue condition, this
    policy statement would have allowed the principal to use KMS keys that had no aliases."
    (AliasTestUser has that statement.)"""
    arn = guide.create_key()
    root = guide.root_of(arn)
    for alias in aliases:
        root.create_alias(AliasName=alias.format(uuid.uuid4().hex[:10]), TargetKeyId=arn)
    check_key_op(guide, "AliasTestUser", op, arn, expected)
