"""Grants (kms-developer-guide.md, "Using Grants"; KMS API reference CreateGrant, ListGrants,
ListRetirableGrants, RetireGrant, RevokeGrant): a grant lets its grantee perform its operations,
under its constraints, until it is retired or revoked."""
import base64
import json
import os
import re

import pytest

from helpers import (BOB_ARN, DEFAULT_ACCOUNT, OTHER_ACCOUNT, OTHER_ROOT_KEY, BOB_KEY, assert_error,
                     expect_error, make_client)

FINANCE = {"Department": "Finance", "Classification": "Public"}
GRANT_ID_RE = re.compile(r"^[0-9a-f]{64}$")


@pytest.fixture
def owned_key(other_root):
    """A key of Bob's account with the default key policy: Bob (no IAM policy) cannot use it."""
    return other_root.create_key()["KeyMetadata"]


def test_grant_lets_a_grantee_without_any_policy_use_exactly_the_granted_operations(other_root, bob, owned_key):
    """"After the grant has been created, the principal identified in the grant can execute the
    permitted operations" — and nothing else."""
    arn = owned_key["Arn"]
    denied = expect_error(bob.encrypt, KeyId=arn, Plaintext=b"x")
    assert_error(denied, "AccessDeniedException")
    grant = other_root.create_grant(KeyId=owned_key["KeyId"], GranteePrincipal=BOB_ARN, Operations=["Encrypt"])
    assert GRANT_ID_RE.match(grant["GrantId"]) and grant["GrantToken"]
    blob = bob.encrypt(KeyId=arn, Plaintext=b"granted")["CiphertextBlob"]
    resp = expect_error(bob.decrypt, CiphertextBlob=blob)
    assert_error(resp, "AccessDeniedException",
                 f"User: {BOB_ARN} is not authorized to perform: kms:Decrypt on resource: {arn} "
                 "because no identity-based policy allows the kms:Decrypt action")
    assert other_root.decrypt(CiphertextBlob=blob)["Plaintext"] == b"granted"


def test_cross_account_grant_needs_only_the_grant(kms, bob):
    """"You can create a grant for a KMS key in a different AWS account": the grant names Bob of
    another account and is all he needs."""
    key = kms.create_key()["KeyMetadata"]
    assert_error(expect_error(bob.describe_key, KeyId=key["Arn"]), "AccessDeniedException")
    kms.create_grant(KeyId=key["Arn"], GranteePrincipal=BOB_ARN, Operations=["DescribeKey", "GenerateDataKey"])
    assert bob.describe_key(KeyId=key["Arn"])["KeyMetadata"]["KeyId"] == key["KeyId"]
    assert len(bob.generate_data_key(KeyId=key["Arn"], KeySpec="AES_256")["Plaintext"]) == 32
    # Bob's own account cannot see the key by id: cross-account use needs the ARN.
    assert_error(expect_error(bob.describe_key, KeyId=key["KeyId"]), "NotFoundException")


def test_guide_subset_constraint_with_the_aws_cli(aws_cli, owned_key, tmp_path):
    """A grant with an EncryptionContextSubset constraint of {"Department": "Finance",
    "Classification": "Public"} "allows encryption and decryption when the request contains an
    encryption context of either {…} or {…, "Customer": "12345"}, but not when the request
    contains an encryption context of {"Department": "Finance"}"."""
    root, bob_creds = OTHER_ROOT_KEY, BOB_KEY
    aws_cli("create-grant", "--key-id", owned_key["KeyId"], "--grantee-principal", BOB_ARN,
            "--operations", "Encrypt", "Decrypt",
            "--constraints", "EncryptionContextSubset={Department=Finance,Classification=Public}",
            access_key=root[0], secret_key=root[1])

    def encrypt(context):
        return aws_cli("encrypt", "--key-id", owned_key["Arn"], "--plaintext", "hello",
                       "--encryption-context", json.dumps(context), access_key=bob_creds[0],
                       secret_key=bob_creds[1], check=False)

    for allowed in (FINANCE, {**FINANCE, "Customer": "12345"}):
        proc = encrypt(allowed)
        assert proc.returncode == 0, proc.stderr.decode()
        (tmp_path / "blob.bin").write_bytes(base64.b64decode(json.loads(proc.stdout)["CiphertextBlob"]))
        out = aws_cli("decrypt", "--ciphertext-blob", "fileb://blob.bin", "--encryption-context", json.dumps(allowed),
                      access_key=bob_creds[0], secret_key=bob_creds[1], cwd=tmp_path)
        assert out["Plaintext"] == "aGVsbG8="
    proc = encrypt({"Department": "Finance"})
    assert proc.returncode != 0
    assert "AccessDeniedException" in proc.stderr.decode()


def test_list_grants_shape_filters_and_paging(other_root, owned_key):
    key_id = owned_key["KeyId"]
    first = other_root.create_grant(KeyId=key_id, GranteePrincipal=BOB_ARN, Operations=["Encrypt", "Decrypt"],
                                    Constraints={"EncryptionContextEquals": {"app": "a"}}, Name="first",
                                    RetiringPrincipal=f"arn:aws:iam::{OTHER_ACCOUNT}:root")
    second = other_root.create_grant(KeyId=key_id, GranteePrincipal=f"arn:aws:iam::{DEFAULT_ACCOUNT}:root",
                                     Operations=["DescribeKey"])
    listed = other_root.list_grants(KeyId=key_id)
    assert listed["Truncated"] is False
    assert [g["GrantId"] for g in listed["Grants"]] == [first["GrantId"], second["GrantId"]]
    entry = listed["Grants"][0]
    assert entry["KeyId"] == owned_key["Arn"]
    assert entry["Name"] == "first"
    assert entry["GranteePrincipal"] == BOB_ARN
    assert entry["RetiringPrincipal"] == f"arn:aws:iam::{OTHER_ACCOUNT}:root"
    assert entry["IssuingAccount"] == f"arn:aws:iam::{OTHER_ACCOUNT}:root"
    assert entry["Operations"] == ["Encrypt", "Decrypt"]
    assert entry["Constraints"] == {"EncryptionContextEquals": {"app": "a"}}
    assert entry["CreationDate"] is not None
    only = other_root.list_grants(KeyId=key_id, GranteePrincipal=BOB_ARN)["Grants"]
    assert [g["GrantId"] for g in only] == [first["GrantId"]]
    page = other_root.list_grants(KeyId=key_id, Limit=1)
    assert page["Truncated"] is True and len(page["Grants"]) == 1
    rest = other_root.list_grants(KeyId=key_id, Limit=1, Marker=page["NextMarker"])
    assert [g["GrantId"] for g in rest["Grants"]] == [second["GrantId"]]
    paginated = [g["GrantId"] for p in other_root.get_paginator("list_grants").paginate(
        KeyId=key_id, PaginationConfig={"PageSize": 1}) for g in p["Grants"]]
    assert paginated == [first["GrantId"], second["GrantId"]]


def test_name_makes_create_grant_idempotent(other_root, owned_key):
    """"When this value is present, you can retry a CreateGrant request with identical
    parameters; if the grant already exists, the original GrantId is returned" — with a new token."""
    args = dict(KeyId=owned_key["KeyId"], GranteePrincipal=BOB_ARN, Operations=["Encrypt"], Name="retry")
    first = other_root.create_grant(**args)
    again = other_root.create_grant(**args)
    assert again["GrantId"] == first["GrantId"] and again["GrantToken"] != first["GrantToken"]
    assert len(other_root.list_grants(KeyId=owned_key["KeyId"])["Grants"]) == 1


def test_retire_grant_by_token_and_by_id_for_the_principals_aws_allows(other_root, bob, alice, owned_key):
    """RetireGrant "can be called by the retiring principal for a grant, by the grantee principal if
    the grant allows the RetireGrant operation, and by the Amazon Web Services account in which the
    grant is created"."""
    key_id = owned_key["KeyId"]
    plain = other_root.create_grant(KeyId=key_id, GranteePrincipal=BOB_ARN, Operations=["Encrypt"])
    resp = expect_error(bob.retire_grant, GrantToken=plain["GrantToken"])
    assert_error(resp, "AccessDeniedException")
    retirable = other_root.create_grant(KeyId=key_id, GranteePrincipal=BOB_ARN,
                                        Operations=["Encrypt", "RetireGrant"])
    bob.retire_grant(GrantToken=retirable["GrantToken"])
    by_retiree = other_root.create_grant(KeyId=key_id, GranteePrincipal=BOB_ARN, Operations=["Decrypt"],
                                         RetiringPrincipal=BOB_ARN)
    bob.retire_grant(KeyId=owned_key["Arn"], GrantId=by_retiree["GrantId"])
    other_root.retire_grant(KeyId=key_id, GrantId=plain["GrantId"])
    assert other_root.list_grants(KeyId=key_id)["Grants"] == []
    gone = expect_error(other_root.retire_grant, GrantToken=plain["GrantToken"])
    assert_error(gone, "InvalidGrantIdException")
    assert_error(expect_error(bob.encrypt, KeyId=owned_key["Arn"], Plaintext=b"x"), "AccessDeniedException")


def test_list_retirable_grants(other_root, owned_key):
    key_id = owned_key["KeyId"]
    mine = other_root.create_grant(KeyId=key_id, GranteePrincipal=BOB_ARN, Operations=["Encrypt"],
                                   RetiringPrincipal=BOB_ARN)
    other_root.create_grant(KeyId=key_id, GranteePrincipal=BOB_ARN, Operations=["Decrypt"])
    listed = other_root.list_retirable_grants(RetiringPrincipal=BOB_ARN)["Grants"]
    assert mine["GrantId"] in [g["GrantId"] for g in listed]
    assert all(g["RetiringPrincipal"] == BOB_ARN for g in listed)


def test_list_retirable_grants_needs_an_iam_permission(bob):
    """"Required permissions: kms:ListRetirableGrants (IAM policy) in your Amazon Web Services
    account. … The authorized resource in ListRetirableGrants calls is the retiring principal"."""
    resp = expect_error(bob.list_retirable_grants, RetiringPrincipal=BOB_ARN)
    assert_error(resp, "AccessDeniedException",
                 f"User: {BOB_ARN} is not authorized to perform: kms:ListRetirableGrants on resource: {BOB_ARN} "
                 "because no identity-based policy allows the kms:ListRetirableGrants action")


def test_revoke_grant_needs_the_key_policy_permission(other_root, bob, owned_key):
    grant = other_root.create_grant(KeyId=owned_key["KeyId"], GranteePrincipal=BOB_ARN,
                                    Operations=["Encrypt", "RetireGrant"])
    resp = expect_error(bob.revoke_grant, KeyId=owned_key["Arn"], GrantId=grant["GrantId"])
    assert_error(resp, "AccessDeniedException")
    assert "kms:RevokeGrant" in resp["Error"]["Message"]
    bob.encrypt(KeyId=owned_key["Arn"], Plaintext=b"x")
    other_root.revoke_grant(KeyId=owned_key["KeyId"], GrantId=grant["GrantId"])
    assert_error(expect_error(bob.encrypt, KeyId=owned_key["Arn"], Plaintext=b"x"), "AccessDeniedException")
    again = expect_error(other_root.revoke_grant, KeyId=owned_key["KeyId"], GrantId=grant["GrantId"])
    assert_error(again, "InvalidGrantIdException")


def test_grant_with_create_grant_creates_only_narrower_grants(other_root, bob, owned_key):
    """"When the grant includes CreateGrant as an allowed operation, the grant only allows creation
    of equally or more restrictive grants.\""""
    key_arn = owned_key["Arn"]
    other_root.create_grant(KeyId=owned_key["KeyId"], GranteePrincipal=BOB_ARN,
                            Operations=["Encrypt", "Decrypt", "CreateGrant"],
                            Constraints={"EncryptionContextSubset": {"app": "a"}})
    alice_arn = f"arn:aws:iam::{OTHER_ACCOUNT}:user/alice"
    bob.create_grant(KeyId=key_arn, GranteePrincipal=alice_arn, Operations=["Decrypt"],
                     Constraints={"EncryptionContextEquals": {"app": "a", "tier": "1"}})
    wider_ops = expect_error(bob.create_grant, KeyId=key_arn, GranteePrincipal=alice_arn,
                             Operations=["Encrypt", "ReEncryptTo"], Constraints={"EncryptionContextSubset": {"app": "a"}})
    assert_error(wider_ops, "AccessDeniedException")
    looser = expect_error(bob.create_grant, KeyId=key_arn, GranteePrincipal=alice_arn, Operations=["Encrypt"])
    assert_error(looser, "AccessDeniedException")


def test_create_grant_errors(other_root, owned_key):
    key_id = owned_key["KeyId"]
    only_create = expect_error(other_root.create_grant, KeyId=key_id, GranteePrincipal=BOB_ARN,
                               Operations=["CreateGrant"])
    assert_error(only_create, "ValidationException", "Grants must not contain only the CreateGrant operation.")
    sign = expect_error(other_root.create_grant, KeyId=key_id, GranteePrincipal=BOB_ARN, Operations=["Sign"])
    assert_error(sign, "ValidationException")
    bad_op = expect_error(other_root.create_grant, KeyId=key_id, GranteePrincipal=BOB_ARN, Operations=["Fly"])
    assert_error(bad_op, "ValidationException")
    nobody = expect_error(other_root.create_grant, KeyId=key_id, Operations=["Encrypt"],
                          GranteePrincipal=f"arn:aws:iam::{OTHER_ACCOUNT}:user/nobody")
    assert_error(nobody, "InvalidArnException")
    missing = expect_error(other_root.create_grant, KeyId="00000000-0000-0000-0000-000000000000",
                           GranteePrincipal=BOB_ARN, Operations=["Encrypt"])
    assert_error(missing, "NotFoundException")
    dry = expect_error(other_root.create_grant, KeyId=key_id, GranteePrincipal=BOB_ARN, Operations=["Encrypt"],
                       DryRun=True)
    assert_error(dry, "DryRunOperationException")
    other_root.disable_key(KeyId=key_id)
    disabled = expect_error(other_root.create_grant, KeyId=key_id, GranteePrincipal=BOB_ARN, Operations=["Encrypt"])
    assert_error(disabled, "DisabledException", f"{owned_key['Arn']} is disabled.")
    assert other_root.list_grants(KeyId=key_id)["Grants"] == []


def test_grant_tokens_are_accepted_where_the_model_takes_them_and_forgeries_are_not(other_root, bob, owned_key):
    grant = other_root.create_grant(KeyId=owned_key["KeyId"], GranteePrincipal=BOB_ARN,
                                    Operations=["Encrypt", "Decrypt", "DescribeKey"])
    token = grant["GrantToken"]
    blob = bob.encrypt(KeyId=owned_key["Arn"], Plaintext=b"x", GrantTokens=[token])["CiphertextBlob"]
    assert bob.decrypt(CiphertextBlob=blob, GrantTokens=[token])["Plaintext"] == b"x"
    bob.describe_key(KeyId=owned_key["Arn"], GrantTokens=[token])
    forged = token[:-8] + ("A" * 8 if not token.endswith("A" * 8) else "B" * 8)
    for call in (lambda: bob.encrypt(KeyId=owned_key["Arn"], Plaintext=b"x", GrantTokens=[forged]),
                 lambda: other_root.generate_data_key(KeyId=owned_key["KeyId"], KeySpec="AES_256",
                                                      GrantTokens=[token, "bm90LWEtdG9rZW4="]),
                 lambda: other_root.retire_grant(GrantToken=forged)):
        with pytest.raises(Exception) as excinfo:
            call()
        assert excinfo.value.response["Error"]["Code"] == "InvalidGrantTokenException"


def test_grants_and_their_tokens_survive_kill_9(make_server):
    srv = make_server("grants-kill9", env={"ARCA_ROOT_KEY": base64.b64encode(os.urandom(32)).decode()})
    root = make_client(srv.endpoint, access_key=OTHER_ROOT_KEY[0], secret_key=OTHER_ROOT_KEY[1])
    key = root.create_key()["KeyMetadata"]
    grant = root.create_grant(KeyId=key["KeyId"], GranteePrincipal=BOB_ARN, Operations=["Encrypt", "RetireGrant"],
                              Constraints={"EncryptionContextSubset": {"app": "a"}})
    srv.kill()
    srv.start()
    root = make_client(srv.endpoint, access_key=OTHER_ROOT_KEY[0], secret_key=OTHER_ROOT_KEY[1])
    bob = make_client(srv.endpoint, access_key=BOB_KEY[0], secret_key=BOB_KEY[1])
    bob.encrypt(KeyId=key["Arn"], Plaintext=b"x", EncryptionContext={"app": "a"}, GrantTokens=[grant["GrantToken"]])
    assert_error(expect_error(bob.encrypt, KeyId=key["Arn"], Plaintext=b"x"), "AccessDeniedException")
    bob.retire_grant(GrantToken=grant["GrantToken"])
    assert root.list_grants(KeyId=key["KeyId"])["Grants"] == []
