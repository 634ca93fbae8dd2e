"""The KMS Developer Guide's policy conditions (Using Policy Conditions with AWS KMS: the IP
address condition and the AWS KMS condition keys; those the guide predates from the current AWS
docs), each run against Arca with callers it must allow and callers it must refuse. The server,
callers, keys and substitutions are guide_policies.py's."""
from __future__ import annotations

import json
import uuid

import pytest

from guide_policies import (ACCOUNT, ALLOWED, AS_USER_EXAMPLE_APP, IAM_DENY, KEY_OPS, NO_IAM, NO_KEY_POLICY,
                            PLAINTEXT, REGION, cases, check, check_key_op, create_grant_call, create_new_key,
                            guide_statement, list_keys_includes_default, policy, root_statement, who,
                            without_grant_is_for_aws_resource)
from guide_policy_texts import (CALLER_ACCOUNT_STATEMENT, ENCRYPTION_CONTEXT_CASE_STATEMENT,
                                ENCRYPTION_CONTEXT_KEYS_STATEMENT, ENCRYPTION_CONTEXT_STATEMENT,
                                GRANT_CONSTRAINT_TYPE_STATEMENT, GRANT_IS_FOR_AWS_RESOURCE_STATEMENT,
                                GRANT_OPERATIONS_STATEMENT, REENCRYPT_ON_SAME_KEY_STATEMENT, REQUEST_ALIAS_STATEMENT)


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
        check(guide, caller, expected, "kms:ListKeys", "*", list_keys_includes_default(guide))
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
    create_new_key(client, Policy=only_alice, BypassPolicyLockoutSafetyCheck=True)


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
          _create_key_bypassing_lockout_check if bypass else create_new_key)


def _grant_example_key(guide, statement: dict) -> str:
    """A fresh key whose policy has the root statement and `statement` (grants made in one case
    stay out of the others)."""
    return guide.create_key(policy(root_statement(), statement))


@pytest.mark.parametrize("caller,constraint,expected", cases(
    ("ExampleUser", "EncryptionContextEquals", ALLOWED),
    ("ExampleUser", "EncryptionContextSubset", NO_IAM),
    ("ExampleUser", None, NO_IAM),
    ("Alice", "EncryptionContextEquals", NO_IAM),
))
def test_grant_constraint_type_condition(guide, caller, constraint, expected):
    """"The following example policy statement uses the kms:GrantConstraintType condition key to
    allow a user to create grants only when the request includes an EncryptionContextEquals grant
    constraint." (kms:GrantConstraintType; ExampleUser and Alice have no IAM policy.) The grantee
    of the grant encrypts under the constraint's encryption context."""
    key = _grant_example_key(guide, guide_statement(GRANT_CONSTRAINT_TYPE_STATEMENT))
    constraints = None if constraint is None else {constraint: {"Project": uuid.uuid4().hex[:12]}}
    check(guide, caller, expected, "kms:CreateGrant", key, create_grant_call(guide, key, constraints=constraints))


@pytest.mark.parametrize("caller,statement,expected", cases(
    ("ExampleUser", "as printed", NO_IAM),
    ("ExampleUser", "without the condition", ALLOWED),
    ("Alice", "without the condition", NO_IAM),
))
def test_grant_is_for_aws_resource_condition(guide, caller, statement, expected):
    """"the following policy statement uses the kms:GrantIsForAWSResource condition key to allow a
    user to create grants only through one of the integrated services in the preceding list. It
    does not allow the user to create grants directly." (kms:GrantIsForAWSResource) Arca has no
    integrated service yet: ExampleUser's direct CreateGrant is refused with the statement as
    printed, and allowed by the same statement without the condition (the grantee then uses the
    grant); Alice, whom it does not name, is refused. Neither has an IAM policy."""
    printed = guide_statement(GRANT_IS_FOR_AWS_RESOURCE_STATEMENT)
    key = _grant_example_key(guide, printed if statement == "as printed"
                             else without_grant_is_for_aws_resource(printed))
    check(guide, caller, expected, "kms:CreateGrant", key, create_grant_call(guide, key))


@pytest.mark.parametrize("caller,operations,expected", [
    pytest.param("ExampleUser", ["Encrypt"], ALLOWED, id="ExampleUser-Encrypt-allowed"),
    pytest.param("ExampleUser", ["Encrypt", "ReEncryptTo"], ALLOWED, id="ExampleUser-Encrypt,ReEncryptTo-allowed"),
    pytest.param("ExampleUser", ["Encrypt", "Decrypt"], NO_IAM, id="ExampleUser-Encrypt,Decrypt-denied"),
    pytest.param("ExampleUser", ["Decrypt"], NO_IAM, id="ExampleUser-Decrypt-denied"),
    pytest.param("Alice", ["Encrypt"], NO_IAM, id="Alice-Encrypt-denied"),
])
def test_grant_operations_condition(guide, caller, operations, expected):
    """"The following example policy statement uses the kms:GrantOperations condition key to allow a
    user to create grants that delegate permission to encrypt and to re-encrypt when this CMK is
    the destination CMK." (kms:GrantOperations; ExampleUser and Alice have no IAM policy.) The
    grantee of a grant so created encrypts with it."""
    key = _grant_example_key(guide, guide_statement(GRANT_OPERATIONS_STATEMENT))
    check(guide, caller, expected, "kms:CreateGrant", key, create_grant_call(guide, key, operations=operations))


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
        check(guide, caller, expected, "kms:CreateKey", "*", lambda client: create_new_key(client, **kwargs))


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
        check(guide, "KeyUsageUser", expected, "kms:CreateKey", "*", lambda client: create_new_key(client, **kwargs))


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

