"""The KMS Developer Guide's key policies (Default Key Policy with its root, key administrators
and key users statements; Example Key Policy; Allowing External AWS Accounts to Access a CMK;
Understanding Policy Evaluation), each run against Arca with callers it must allow and callers it
must refuse. The server, callers, keys and substitutions are guide_policies.py's."""
from __future__ import annotations

import json

import pytest

from guide_policies import (ALLOWED, GRANT_CALLS, IAM_DENY, NO_IAM, NO_KEY_POLICY, attachment_statement,
                            cases, check, check_key_op, create_grant_call, guide_document, guide_statement, policy,
                            root_statement, who, without_grant_is_for_aws_resource)
from guide_policy_texts import EXAMPLE_KEY_POLICY, KEY_ADMINISTRATORS_STATEMENT, KEY_USERS_STATEMENT


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
    return guide.create_key(policy(root_statement(), guide_statement(KEY_USERS_STATEMENT), attachment_statement()))


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


@pytest.mark.parametrize("caller,key_policy,expected", cases(
    ("KMSUser", "as printed", NO_IAM),
    ("KMSUser", "without the condition", ALLOWED),
    ("ExternalUser", "as printed", NO_KEY_POLICY),
    ("ExternalUser", "without the condition", ALLOWED),
    ("Alice", "without the condition", NO_IAM),
))
@pytest.mark.parametrize("op", ["CreateGrant", "ListGrants", "RevokeGrant"])
def test_key_users_attachment_of_persistent_resources_statement(guide, caller, key_policy, expected, op):
    """"The second of these two statements allows key users to use grants to delegate a subset of
    their own permissions to some of the AWS services that are integrated with AWS KMS ... This
    policy statement uses a condition element to allow these permissions only when the key user is
    delegating permissions to an integrated AWS service." (Allows Key Users to Use the CMK) Arca has
    no integrated service yet, so with the statement as printed a key user's direct CreateGrant,
    ListGrants or RevokeGrant is refused; the same statement without its kms:GrantIsForAWSResource
    condition allows them, and the grantee of a grant so created can use it. Each case has a fresh
    key with the root statement and both key users statements; ExternalUser's IAM policy allows
    kms:*, KMSUser and Alice have none."""
    attachment = attachment_statement()
    if key_policy == "without the condition":
        attachment = without_grant_is_for_aws_resource(attachment)
    key = guide.create_key(policy(root_statement(), guide_statement(KEY_USERS_STATEMENT), attachment))
    check(guide, caller, expected, f"kms:{op}", key, GRANT_CALLS[op](guide, key))


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


@pytest.mark.parametrize("caller,expected", cases(
    ("CrossAccountUser", NO_IAM),
    ("CrossAccountGrantUser", ALLOWED),
))
def test_external_account_iam_policy_create_grant(guide, caller, expected):
    """"This policy allows users and roles in account 111122223333 to use the CMK in account
    444455556666 directly for encryption and decryption, and to delegate a subset of their own
    permissions to some of the AWS services that are integrated with AWS KMS" (Adding or modifying
    an IAM Policy to Allow Access to a CMK in Another AWS Account): its CreateGrant statement has
    the kms:GrantIsForAWSResource condition, so CrossAccountUser, who has the policy as printed,
    cannot create a grant directly; CrossAccountGrantUser has it without that condition, and the
    grantee of its grant can use it. The key's policy makes account 111122223333 a key user in both
    key users statements, the attachment one without its condition."""
    key = guide.keys["external-grants"]
    check(guide, caller, expected, "kms:CreateGrant", key, create_grant_call(guide, key))
