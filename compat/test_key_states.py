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
    "GenerateDataKeyPair": (OK, DISABLED, DELETION, IMPORT),
    "GenerateDataKeyPairWithoutPlaintext": (OK, DISABLED, DELETION, IMPORT),
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
        "GenerateDataKeyPair": lambda: kms.generate_data_key_pair(KeyId=k, KeyPairSpec="ECC_NIST_P256"),
        "GenerateDataKeyPairWithoutPlaintext": lambda: kms.generate_data_key_pair_without_plaintext(
            KeyId=k, KeyPairSpec="ECC_NIST_P256"),
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
    test_import.py; ReplicateKey and UpdatePrimaryRegion need a multi-Region key and have theirs
    in test_kms_multi_region.py; the custom key store operations take no key (test_custom_key_stores.py)."""
    covered_elsewhere = {"CreateKey", "GenerateRandom", "GetParametersForImport", "ImportKeyMaterial",
                         "DeleteImportedKeyMaterial", "ReplicateKey", "UpdatePrimaryRegion",
                         "ConnectCustomKeyStore", "CreateCustomKeyStore", "DeleteCustomKeyStore",
                         "DescribeCustomKeyStores", "DisconnectCustomKeyStore", "UpdateCustomKeyStore"}
    registry = (Path(__file__).resolve().parent.parent / "Sources/KeyManagement/Operations/KMSOperationRegistry.swift").read_text()
    implemented = set(re.findall(r"^\s+(\w+)\.self,", registry, re.M))
    assert implemented - covered_elsewhere == set(TABLE) | set(TYPED_TABLE)


# The operations of asymmetric and HMAC keys, which the guide's table predates, as the current AWS
# table has them: (Enabled, Disabled, PendingDeletion), each on a key of the type it needs. (Their
# PendingImport column waits for imported asymmetric and HMAC material.)
TYPED_TABLE = {
    "Sign": (OK, DISABLED, DELETION),
    "Verify": (OK, DISABLED, DELETION),
    "GetPublicKey": (OK, DISABLED, DELETION),
    "GenerateMac": (OK, DISABLED, DELETION),
    "VerifyMac": (OK, DISABLED, DELETION),
    "DeriveSharedSecret": (OK, DISABLED, DELETION),
}
TYPED_KEYS = {"Sign": ("ECC_NIST_P256", "SIGN_VERIFY"), "Verify": ("ECC_NIST_P256", "SIGN_VERIFY"),
              "GetPublicKey": ("ECC_NIST_P256", "SIGN_VERIFY"), "GenerateMac": ("HMAC_256", "GENERATE_VERIFY_MAC"),
              "VerifyMac": ("HMAC_256", "GENERATE_VERIFY_MAC"), "DeriveSharedSecret": ("ECC_NIST_P256", "KEY_AGREEMENT")}
PEER = ("3059301306072a8648ce3d020106082a8648ce3d03010703420004"
        "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
        "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299")  # RFC 6979 A.2.5's P-256 public key


def typed_call(kms, operation, key):
    k, message = key["id"], b"state table"
    calls = {
        "Sign": lambda: kms.sign(KeyId=k, Message=message, SigningAlgorithm="ECDSA_SHA_256"),
        "Verify": lambda: kms.verify(KeyId=k, Message=message, Signature=key["signature"], SigningAlgorithm="ECDSA_SHA_256"),
        "GetPublicKey": lambda: kms.get_public_key(KeyId=k),
        "GenerateMac": lambda: kms.generate_mac(KeyId=k, Message=message, MacAlgorithm="HMAC_SHA_256"),
        "VerifyMac": lambda: kms.verify_mac(KeyId=k, Message=message, MacAlgorithm="HMAC_SHA_256", Mac=key["mac"]),
        "DeriveSharedSecret": lambda: kms.derive_shared_secret(KeyId=k, KeyAgreementAlgorithm="ECDH",
                                                               PublicKey=bytes.fromhex(PEER)),
    }
    return calls[operation]()


TYPED_CELLS = [(operation, state, outcomes[index]) for operation, outcomes in TYPED_TABLE.items()
               for index, state in enumerate(STATES[:3])]


@pytest.mark.parametrize("operation,state,outcome", TYPED_CELLS, ids=[f"{o}-{s}" for o, s, _ in TYPED_CELLS])
def test_key_state_table_of_asymmetric_and_hmac_keys(kms, operation, state, outcome):
    spec, usage = TYPED_KEYS[operation]
    created = kms.create_key(KeySpec=spec, KeyUsage=usage)["KeyMetadata"]
    key = {"id": created["KeyId"], "arn": created["Arn"]}
    if usage == "SIGN_VERIFY":
        key["signature"] = kms.sign(KeyId=key["id"], Message=b"state table", SigningAlgorithm="ECDSA_SHA_256")["Signature"]
    elif usage == "GENERATE_VERIFY_MAC":
        key["mac"] = kms.generate_mac(KeyId=key["id"], Message=b"state table", MacAlgorithm="HMAC_SHA_256")["Mac"]
    if state == "Disabled":
        kms.disable_key(KeyId=key["id"])
    elif state == "PendingDeletion":
        kms.schedule_key_deletion(KeyId=key["id"])
    if outcome == OK:
        typed_call(kms, operation, key)
    else:
        code, message = MESSAGES[outcome]
        assert_error(expect_error(typed_call, kms, operation, key), code, message.format(arn=key["arn"]))
