"""The key state table of kms-developer-guide.md ("How Key State Affects Use of a Customer Master
Key"), cell by cell: every operation on a key that is Enabled, Disabled, PendingDeletion or
PendingImport (the column the current AWS table adds for imported key material).

OK succeeds; DISABLED is DisabledException "<arn> is disabled."; DELETION is
KMSInvalidStateException "<arn> is pending deletion."; IMPORT is KMSInvalidStateException
"<arn> is pending import."; NOT_PENDING is KMSInvalidStateException "<arn> is not pending deletion."
"""
import re
import uuid
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from helpers import assert_error, expect_error

OK, DISABLED, DELETION, IMPORT, NOT_PENDING = "ok", "disabled", "deletion", "import", "not pending"
MESSAGES = {
    DISABLED: ("DisabledException", "{arn} is disabled."),
    DELETION: ("KMSInvalidStateException", "{arn} is pending deletion."),
    IMPORT: ("KMSInvalidStateException", "{arn} is pending import."),
    NOT_PENDING: ("KMSInvalidStateException", "{arn} is not pending deletion."),
}
STATES = ["Enabled", "Disabled", "PendingDeletion", "PendingImport"]

# Operation: (Enabled, Disabled, PendingDeletion, PendingImport)
TABLE = {
    "CancelKeyDeletion": (NOT_PENDING, NOT_PENDING, OK, NOT_PENDING),
    "CreateAlias": (OK, OK, DELETION, OK),
    "CreateGrant": (OK, DISABLED, DELETION, IMPORT),
    "Decrypt": (OK, DISABLED, DELETION, IMPORT),
    "DeleteAlias": (OK, OK, OK, OK),
    "DescribeKey": (OK, OK, OK, OK),
    "DisableKey": (OK, OK, DELETION, IMPORT),
    "DisableKeyRotation": (OK, DISABLED, DELETION, IMPORT),
    "EnableKey": (OK, OK, DELETION, IMPORT),
    "EnableKeyRotation": (OK, DISABLED, DELETION, IMPORT),
    "Encrypt": (OK, DISABLED, DELETION, IMPORT),
    "GenerateDataKey": (OK, DISABLED, DELETION, IMPORT),
    "GenerateDataKeyWithoutPlaintext": (OK, DISABLED, DELETION, IMPORT),
    "GetKeyPolicy": (OK, OK, OK, OK),
    "GetKeyRotationStatus": (OK, OK, OK, OK),
    "ListAliases": (OK, OK, OK, OK),
    "ListGrants": (OK, OK, OK, OK),
    "ListKeyPolicies": (OK, OK, OK, OK),
    "ListKeys": (OK, OK, OK, OK),
    "ListRetirableGrants": (OK, OK, OK, OK),
    "PutKeyPolicy": (OK, OK, OK, OK),
    "ReEncrypt": (OK, DISABLED, DELETION, IMPORT),
    "RetireGrant": (OK, OK, OK, OK),
    "RevokeGrant": (OK, OK, OK, OK),
    "ScheduleKeyDeletion": (OK, OK, DELETION, OK),
    "UpdateAlias": (OK, OK, DELETION, OK),
    "UpdateKeyDescription": (OK, OK, DELETION, OK),
    # Operations the guide's table predates, as the current AWS table has them.
    "GetKeyLastUsage": (OK, OK, OK, OK),
    "ListKeyRotations": (OK, OK, OK, OK),
    "ListResourceTags": (OK, OK, OK, OK),
    "RotateKeyOnDemand": (OK, DISABLED, DELETION, IMPORT),
    "TagResource": (OK, OK, DELETION, OK),
    "UntagResource": (OK, OK, DELETION, OK),
}

GRANTEE = "arn:aws:iam::000000000000:root"


def import_material(kms, key_id):
    params = kms.get_parameters_for_import(KeyId=key_id, WrappingAlgorithm="RSAES_OAEP_SHA_256", WrappingKeySpec="RSA_2048")
    public_key = serialization.load_der_public_key(params["PublicKey"])
    oaep = padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None)
    kms.import_key_material(KeyId=key_id, ImportToken=params["ImportToken"],
                            EncryptedKeyMaterial=public_key.encrypt(bytes(32), oaep),
                            ExpirationModel="KEY_MATERIAL_DOES_NOT_EXPIRE")


def key_in(kms, state):
    """A key in `state`, with a ciphertext, an alias and a grant made while it was usable."""
    origin = "EXTERNAL" if state == "PendingImport" else "AWS_KMS"
    key = kms.create_key(Origin=origin)["KeyMetadata"]
    if origin == "EXTERNAL":
        import_material(kms, key["KeyId"])
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"state table")["CiphertextBlob"]
    alias = f"alias/state-{uuid.uuid4().hex[:12]}"
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    grant = kms.create_grant(KeyId=key["KeyId"], GranteePrincipal=GRANTEE, RetiringPrincipal=GRANTEE,
                             Operations=["Encrypt"])
    if state == "Disabled":
        kms.disable_key(KeyId=key["KeyId"])
    elif state == "PendingDeletion":
        kms.schedule_key_deletion(KeyId=key["KeyId"])
    elif state == "PendingImport":
        kms.delete_imported_key_material(KeyId=key["KeyId"])
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == state
    return {"id": key["KeyId"], "arn": key["Arn"], "blob": blob, "alias": alias, "grant": grant}


def call(kms, operation, key):
    """Performs `operation` on the key; only the outcome matters."""
    k = key["id"]
    other = kms.create_key()["KeyMetadata"]["KeyId"]
    calls = {
        "CancelKeyDeletion": lambda: kms.cancel_key_deletion(KeyId=k),
        "CreateAlias": lambda: kms.create_alias(AliasName=f"alias/new-{uuid.uuid4().hex[:12]}", TargetKeyId=k),
        "CreateGrant": lambda: kms.create_grant(KeyId=k, GranteePrincipal=GRANTEE, Operations=["Decrypt"]),
        "Decrypt": lambda: kms.decrypt(CiphertextBlob=key["blob"]),
        "DeleteAlias": lambda: kms.delete_alias(AliasName=key["alias"]),
        "DescribeKey": lambda: kms.describe_key(KeyId=k),
        "DisableKey": lambda: kms.disable_key(KeyId=k),
        "DisableKeyRotation": lambda: kms.disable_key_rotation(KeyId=k),
        "EnableKey": lambda: kms.enable_key(KeyId=k),
        "EnableKeyRotation": lambda: kms.enable_key_rotation(KeyId=k),
        "Encrypt": lambda: kms.encrypt(KeyId=k, Plaintext=b"x"),
        "GenerateDataKey": lambda: kms.generate_data_key(KeyId=k, KeySpec="AES_256"),
        "GenerateDataKeyWithoutPlaintext": lambda: kms.generate_data_key_without_plaintext(KeyId=k, KeySpec="AES_256"),
        "GetKeyPolicy": lambda: kms.get_key_policy(KeyId=k, PolicyName="default"),
        "GetKeyRotationStatus": lambda: kms.get_key_rotation_status(KeyId=k),
        "ListAliases": lambda: kms.list_aliases(KeyId=k),
        "ListGrants": lambda: kms.list_grants(KeyId=k),
        "ListKeyPolicies": lambda: kms.list_key_policies(KeyId=k),
        "ListKeys": lambda: kms.list_keys(),
        "ListRetirableGrants": lambda: kms.list_retirable_grants(RetiringPrincipal=GRANTEE),
        "PutKeyPolicy": lambda: kms.put_key_policy(KeyId=k, PolicyName="default",
                                                   Policy=kms.get_key_policy(KeyId=k, PolicyName="default")["Policy"]),
        "ReEncrypt": lambda: kms.re_encrypt(CiphertextBlob=key["blob"], DestinationKeyId=other),
        "RetireGrant": lambda: kms.retire_grant(KeyId=key["arn"], GrantId=key["grant"]["GrantId"]),
        "RevokeGrant": lambda: kms.revoke_grant(KeyId=k, GrantId=key["grant"]["GrantId"]),
        "ScheduleKeyDeletion": lambda: kms.schedule_key_deletion(KeyId=k),
        "UpdateAlias": lambda: kms.update_alias(AliasName=_alias_to(kms, other), TargetKeyId=k),
        "UpdateKeyDescription": lambda: kms.update_key_description(KeyId=k, Description="changed"),
        "GetKeyLastUsage": lambda: kms.get_key_last_usage(KeyId=k),
        "ListKeyRotations": lambda: kms.list_key_rotations(KeyId=k),
        "ListResourceTags": lambda: kms.list_resource_tags(KeyId=k),
        "RotateKeyOnDemand": lambda: kms.rotate_key_on_demand(KeyId=k),
        "TagResource": lambda: kms.tag_resource(KeyId=k, Tags=[{"TagKey": "team", "TagValue": "arca"}]),
        "UntagResource": lambda: kms.untag_resource(KeyId=k, TagKeys=["team"]),
    }
    return calls[operation]()


def _alias_to(kms, key_id):
    alias = f"alias/source-{uuid.uuid4().hex[:12]}"
    kms.create_alias(AliasName=alias, TargetKeyId=key_id)
    return alias


CELLS = [(operation, state, outcomes[index]) for operation, outcomes in TABLE.items() for index, state in enumerate(STATES)]


@pytest.mark.parametrize("operation,state,outcome", CELLS, ids=[f"{o}-{s}" for o, s, _ in CELLS])
def test_key_state_table(kms, operation, state, outcome):
    key = key_in(kms, state)
    if outcome == OK:
        call(kms, operation, key)
    else:
        code, message = MESSAGES[outcome]
        assert_error(expect_error(call, kms, operation, key), code, message.format(arn=key["arn"]))


def test_every_operation_of_the_registry_that_takes_a_key_is_in_the_table():
    """New key operations must join the table. CreateKey and GenerateRandom take no key; the
    import operations apply to keys of origin EXTERNAL only and have their own state tests in
    test_import.py."""
    covered_elsewhere = {"CreateKey", "GenerateRandom", "GetParametersForImport", "ImportKeyMaterial",
                         "DeleteImportedKeyMaterial"}
    registry = (Path(__file__).resolve().parent.parent / "Sources/KeyManagement/Operations/KMSOperationRegistry.swift").read_text()
    implemented = set(re.findall(r"^\s+(\w+)\.self,", registry, re.M))
    assert implemented - covered_elsewhere == set(TABLE)
