"""The KMS Developer Guide's customer managed IAM policy examples (Using IAM Policies with AWS
KMS), each run against Arca with callers it must allow and callers it must refuse. The server,
callers, keys and substitutions are guide_policies.py's."""
from __future__ import annotations

import pytest

from guide_policies import (ALLOWED, IAM_DENY, KEY_OPS, NO_IAM, cases, check, check_key_op, create_new_key,
                            list_keys_includes_default, policy, root_statement, who)


# ---------------------------------------------------------------------------------------------
# Using IAM Policies with AWS KMS: Customer Managed Policy Examples.

def _list_aliases(client):
    assert isinstance(client.list_aliases()["Aliases"], list)


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
        call = {"ListKeys": list_keys_includes_default(guide), "ListAliases": _list_aliases,
                "CreateKey": create_new_key}[op]
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
    check(guide, "NoDisableUser", ALLOWED, "kms:CreateKey", "*", create_new_key)


