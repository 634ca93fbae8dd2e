"""HMAC KMS keys (HMAC_224/256/384/512, GENERATE_VERIFY_MAC): CreateKey / DescribeKey metadata,
GenerateMac / VerifyMac, their errors, key states and the kms:MacAlgorithm policy condition.

An HMAC key's material never leaves Arca, so the MACs of generated keys are checked here by the
properties HMAC has whatever the key: the length of the hash, determinism, dependence on the
message and on the key, and VerifyMac accepting exactly them. The MACs of imported HMAC material
are recomputed with Python's `hmac` in test_import.py.

Sources, quoted beside each assertion:
  [rec]  /work/shared/reference/aws-recorded/kms/test_kms.snapshot.json (responses recorded from
         real AWS; the name after it is the recorded test).
Where AWS's answer could not be pinned, only the error code is asserted.
"""
from __future__ import annotations

import hashlib
import os
import uuid

import pytest

from helpers import (DEFAULT_ACCOUNT, DISABLED_FMT, DRY_RUN_MSG, INCORRECT_KEY_MSG, REGION, assert_access_denied,
                     assert_enum_error, assert_error, expect_error, key_arn, unique_alias, user_with_policy)

MESSAGE = b"some important message"
HMAC_SPECS = {"HMAC_224": "HMAC_SHA_224", "HMAC_256": "HMAC_SHA_256", "HMAC_384": "HMAC_SHA_384",
              "HMAC_512": "HMAC_SHA_512"}
MAC_LENGTH = {"HMAC_SHA_224": 28, "HMAC_SHA_256": 32, "HMAC_SHA_384": 48, "HMAC_SHA_512": 64}
MAC_ENUM = {"HMAC_SHA_224", "HMAC_SHA_256", "HMAC_SHA_384", "HMAC_SHA_512"}


class HmacKeys:
    """One HMAC key of each spec per module."""

    def __init__(self, kms):
        self.kms = kms
        self.created: dict[str, dict] = {}

    def __call__(self, spec: str) -> dict:
        if spec not in self.created:
            self.created[spec] = self.kms.create_key(KeySpec=spec, KeyUsage="GENERATE_VERIFY_MAC",
                                                     Description=f"compat {spec}")["KeyMetadata"]
        return self.created[spec]


@pytest.fixture(scope="module")
def hmac_keys(kms):
    return HmacKeys(kms)


# --- CreateKey / DescribeKey ---------------------------------------------------------------------

@pytest.mark.parametrize("spec", list(HMAC_SPECS))
def test_create_hmac_key_metadata(kms, hmac_keys, spec):
    # [rec] test_hmac_create_key (HMAC_256) and test_import_key_hmac_keys[…]: MacAlgorithms holds the
    # spec's one algorithm; no EncryptionAlgorithms, SigningAlgorithms nor CurrentKeyMaterialId.
    created = hmac_keys(spec)
    described = kms.describe_key(KeyId=created["KeyId"])["KeyMetadata"]
    assert described == created
    for md in (created, described):
        assert md["KeySpec"] == spec and md["CustomerMasterKeySpec"] == spec
        assert md["KeyUsage"] == "GENERATE_VERIFY_MAC"
        assert md["MacAlgorithms"] == [HMAC_SPECS[spec]]
        assert md["KeyState"] == "Enabled" and md["Enabled"] is True
        assert md["Origin"] == "AWS_KMS" and md["KeyManager"] == "CUSTOMER" and md["MultiRegion"] is False
        assert md["Arn"] == key_arn(md["KeyId"])
        for absent in ("EncryptionAlgorithms", "SigningAlgorithms", "KeyAgreementAlgorithms", "CurrentKeyMaterialId"):
            assert absent not in md, absent


@pytest.mark.parametrize("spec", ["HMAC_224", "HMAC_256", "HMAC_512"])
def test_create_hmac_key_without_key_usage_is_validation_error(kms, spec):
    # [rec] test_hmac_create_key_invalid_operations: create-hmac-key-without-key-usage.
    resp = expect_error(kms.create_key, KeySpec=spec)
    assert_error(resp, "ValidationException",
                 "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.")


@pytest.mark.parametrize("spec,usage", [("HMAC_256", "ENCRYPT_DECRYPT"), ("HMAC_256", "SIGN_VERIFY"),
                                        ("HMAC_384", "KEY_AGREEMENT"), ("HMAC_224", "ENCRYPT_DECRYPT"),
                                        ("SYMMETRIC_DEFAULT", "GENERATE_VERIFY_MAC"),
                                        ("RSA_2048", "GENERATE_VERIFY_MAC")])
def test_create_key_with_usage_the_spec_cannot_have_is_validation_error(kms, spec, usage):
    # [rec] test_derive_shared_secret: response-invalid-key-spec — "KeyUsage KEY_AGREEMENT is not
    # compatible with KeySpec RSA_2048"; the same sentence for every pair.
    resp = expect_error(kms.create_key, KeySpec=spec, KeyUsage=usage)
    assert_error(resp, "ValidationException", f"KeyUsage {usage} is not compatible with KeySpec {spec}")


# --- GenerateMac / VerifyMac ---------------------------------------------------------------------

@pytest.mark.parametrize("spec", list(HMAC_SPECS))
def test_generate_and_verify_mac(kms, hmac_keys, spec):
    # [rec] test_generate_and_verify_mac[…]: generate-mac (KeyId, Mac, MacAlgorithm) and verify-mac
    # (KeyId, MacAlgorithm, MacValid); test_import_key_hmac_keys[…] shows KeyId is the key ARN.
    md = hmac_keys(spec)
    algorithm = HMAC_SPECS[spec]
    resp = kms.generate_mac(KeyId=md["KeyId"], Message=MESSAGE, MacAlgorithm=algorithm)
    assert resp["KeyId"] == md["Arn"]
    assert resp["MacAlgorithm"] == algorithm
    mac = resp["Mac"]
    # An HMAC is as long as its hash's output (RFC 2104), whatever the key.
    assert len(mac) == MAC_LENGTH[algorithm] == hashlib.new(algorithm.replace("HMAC_SHA_", "sha")).digest_size
    verified = kms.verify_mac(KeyId=md["KeyId"], Message=MESSAGE, MacAlgorithm=algorithm, Mac=mac)
    assert verified == {**verified, "KeyId": md["Arn"], "MacAlgorithm": algorithm, "MacValid": True}


@pytest.mark.parametrize("spec", ["HMAC_224", "HMAC_512"])
def test_mac_is_deterministic_and_depends_on_message_and_key(kms, hmac_keys, spec):
    """HMAC is a function of (key, message): the same pair gives the same MAC, another message or
    another key of the same spec gives another one."""
    md = hmac_keys(spec)
    algorithm = HMAC_SPECS[spec]
    first = kms.generate_mac(KeyId=md["KeyId"], Message=MESSAGE, MacAlgorithm=algorithm)["Mac"]
    assert kms.generate_mac(KeyId=md["Arn"], Message=MESSAGE, MacAlgorithm=algorithm)["Mac"] == first
    assert kms.generate_mac(KeyId=md["KeyId"], Message=MESSAGE + b".", MacAlgorithm=algorithm)["Mac"] != first
    other = kms.create_key(KeySpec=spec, KeyUsage="GENERATE_VERIFY_MAC")["KeyMetadata"]
    assert kms.generate_mac(KeyId=other["KeyId"], Message=MESSAGE, MacAlgorithm=algorithm)["Mac"] != first
    # Nor does another key's MAC verify.
    resp = expect_error(kms.verify_mac, KeyId=other["KeyId"], Message=MESSAGE, MacAlgorithm=algorithm, Mac=first)
    assert_error(resp, "KMSInvalidMacException", "")


def test_mac_of_4096_byte_and_binary_messages(kms_raw, hmac_keys):
    md = hmac_keys("HMAC_256")
    for message in (os.urandom(4096), b"\x00", bytes(range(256))):
        mac = kms_raw.generate_mac(KeyId=md["KeyId"], Message=message, MacAlgorithm="HMAC_SHA_256")["Mac"]
        assert kms_raw.verify_mac(KeyId=md["KeyId"], Message=message, MacAlgorithm="HMAC_SHA_256",
                                  Mac=mac)["MacValid"] is True


@pytest.mark.parametrize("operation", ["generate_mac", "verify_mac"])
def test_mac_message_length_limits(kms_raw, hmac_keys, operation):
    # The message is a sensitive PlaintextType of 1..4096 bytes: AWS leaves its value out, as for
    # Encrypt's plaintext (test_crypto.py).
    md = hmac_keys("HMAC_256")
    extra = {"Mac": b"\x01" * 32} if operation == "verify_mac" else {}
    call = getattr(kms_raw, operation)
    resp = expect_error(call, KeyId=md["KeyId"], Message=b"a" * 4097, MacAlgorithm="HMAC_SHA_256", **extra)
    assert_error(resp, "ValidationException",
                 "1 validation error detected: Value at 'message' failed to satisfy constraint: "
                 "Member must have length less than or equal to 4096")
    resp = expect_error(call, KeyId=md["KeyId"], Message=b"", MacAlgorithm="HMAC_SHA_256", **extra)
    assert_error(resp, "ValidationException",
                 "1 validation error detected: Value at 'message' failed to satisfy constraint: "
                 "Member must have length greater than or equal to 1")


def test_generate_mac_accepts_every_identifier_form(kms, hmac_keys):
    md = hmac_keys("HMAC_384")
    alias = unique_alias("mac")
    kms.create_alias(AliasName=alias, TargetKeyId=md["KeyId"])
    macs = set()
    for ident in (md["KeyId"], md["Arn"], alias, f"arn:aws:kms:{REGION}:{DEFAULT_ACCOUNT}:{alias}"):
        resp = kms.generate_mac(KeyId=ident, Message=MESSAGE, MacAlgorithm="HMAC_SHA_384")
        assert resp["KeyId"] == md["Arn"]
        macs.add(resp["Mac"])
        assert kms.verify_mac(KeyId=ident, Message=MESSAGE, MacAlgorithm="HMAC_SHA_384",
                              Mac=resp["Mac"])["MacValid"] is True
    assert len(macs) == 1


@pytest.mark.parametrize("case", ["other-message", "flipped-bit"])
def test_verify_mac_of_a_wrong_mac_is_invalid_mac(kms, hmac_keys, case):
    # [rec] test_invalid_verify_mac[HMAC_256-HMAC_SHA_256-some different important message]:
    # KMSInvalidMacException with an empty message.
    md = hmac_keys("HMAC_256")
    mac = kms.generate_mac(KeyId=md["KeyId"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_256")["Mac"]
    flipped = bytearray(mac)
    flipped[0] ^= 0x80
    message, candidate = {
        "other-message": (b"some different important message", mac),
        "flipped-bit": (MESSAGE, bytes(flipped)),
    }[case]
    resp = expect_error(kms.verify_mac, KeyId=md["KeyId"], Message=message, MacAlgorithm="HMAC_SHA_256",
                        Mac=candidate)
    assert_error(resp, "KMSInvalidMacException", "")


def test_generate_mac_with_the_algorithm_of_another_spec_is_invalid_key_usage(kms, hmac_keys):
    # [rec] test_invalid_generate_mac[HMAC_224-HMAC_SHA_256].
    md = hmac_keys("HMAC_224")
    resp = expect_error(kms.generate_mac, KeyId=md["KeyId"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_256")
    assert_error(resp, "InvalidKeyUsageException", "Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.")


def test_verify_mac_with_the_algorithm_of_another_spec_is_invalid_key_usage(kms, hmac_keys):
    # [rec] test_invalid_verify_mac[HMAC_256-HMAC_SHA_512-some important message].
    md = hmac_keys("HMAC_256")
    mac = kms.generate_mac(KeyId=md["KeyId"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_256")["Mac"]
    resp = expect_error(kms.verify_mac, KeyId=md["KeyId"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_512", Mac=mac)
    assert_error(resp, "InvalidKeyUsageException", "Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_256.")


@pytest.mark.parametrize("operation", ["generate_mac", "verify_mac"])
def test_unknown_mac_algorithm_is_enum_validation_error(kms_raw, hmac_keys, operation):
    # [rec] test_invalid_generate_mac[HMAC_256-INVALID] and test_invalid_verify_mac[HMAC_256-INVALID-…]:
    # "… Value 'INVALID' at 'macAlgorithm' … enum value set: [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224,
    # HMAC_SHA_512]" (the set's order is AWS's own: compared as a set).
    md = hmac_keys("HMAC_256")
    extra = {"Mac": b"\x01" * 32} if operation == "verify_mac" else {}
    resp = expect_error(getattr(kms_raw, operation), KeyId=md["KeyId"], Message=MESSAGE, MacAlgorithm="INVALID",
                        **extra)
    err = assert_error(resp, "ValidationException")
    assert_enum_error(err["Message"], "INVALID", "macAlgorithm", MAC_ENUM)


@pytest.mark.parametrize("operation", ["generate_mac", "verify_mac"])
def test_mac_with_an_invalid_key_id_is_not_found(kms, operation):
    # [rec] test_generate_and_verify_mac[…]: generate-mac-invalid-key-id / verify-mac-invalid-key-id.
    extra = {"Mac": b"\x01" * 32} if operation == "verify_mac" else {}
    resp = expect_error(getattr(kms, operation), KeyId="key_id", Message=MESSAGE, MacAlgorithm="HMAC_SHA_256", **extra)
    assert_error(resp, "NotFoundException", "Invalid keyId 'key_id'")
    fake = str(uuid.uuid4())
    resp = expect_error(getattr(kms, operation), KeyId=fake, Message=MESSAGE, MacAlgorithm="HMAC_SHA_256", **extra)
    assert_error(resp, "NotFoundException", f"Key '{key_arn(fake)}' does not exist")


def test_mac_operations_with_a_symmetric_key_are_invalid_key_usage(kms, key):
    # [rec] test_error_messaging_for_invalid_keys: generate-mac-invalid-key-id — "<key-arn> key usage
    # is ENCRYPT_DECRYPT which is not valid for GenerateMac."; VerifyMac in the same words.
    resp = expect_error(kms.generate_mac, KeyId=key["KeyId"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_224")
    assert_error(resp, "InvalidKeyUsageException",
                 f"{key['Arn']} key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.")
    resp = expect_error(kms.verify_mac, KeyId=key["KeyId"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_224",
                        Mac=b"\x01" * 28)
    assert_error(resp, "InvalidKeyUsageException",
                 f"{key['Arn']} key usage is ENCRYPT_DECRYPT which is not valid for VerifyMac.")


def test_mac_operations_with_a_signing_key_are_invalid_key_usage(kms):
    md = kms.create_key(KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY")["KeyMetadata"]
    resp = expect_error(kms.generate_mac, KeyId=md["KeyId"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_256")
    assert_error(resp, "InvalidKeyUsageException",
                 f"{md['Arn']} key usage is SIGN_VERIFY which is not valid for GenerateMac.")


def test_hmac_key_cannot_sign_encrypt_or_make_data_keys(kms, hmac_keys):
    md = hmac_keys("HMAC_224")
    # [rec] test_error_messaging_for_invalid_keys: sign-invalid-key-id (an HMAC_224 key).
    resp = expect_error(kms.sign, KeyId=md["KeyId"], Message=b"test message 123!@#", MessageType="RAW",
                        SigningAlgorithm="RSASSA_PSS_SHA_256")
    assert_error(resp, "InvalidKeyUsageException",
                 f"{md['Arn']} key usage is GENERATE_VERIFY_MAC which is not valid for Sign.")
    # Encrypt: the recorded sentence of test_error_messaging_for_invalid_keys (encrypt-invalid-key-id).
    resp = expect_error(kms.encrypt, KeyId=md["KeyId"], Plaintext=b"test message 123!@#")
    assert_error(resp, "InvalidKeyUsageException",
                 f"{md['Arn']} key usage is GENERATE_VERIFY_MAC which is not valid for Encrypt.")
    # GenerateDataKey*: InvalidKeyUsageException (no recorded message: code only).
    resp = expect_error(kms.generate_data_key, KeyId=md["KeyId"], KeySpec="AES_256")
    assert_error(resp, "InvalidKeyUsageException")
    resp = expect_error(kms.generate_data_key_without_plaintext, KeyId=md["KeyId"], NumberOfBytes=16)
    assert_error(resp, "InvalidKeyUsageException")


def test_decrypt_naming_an_hmac_key_is_incorrect_key(kms, hmac_keys, key):
    # [rec] test_error_messaging_for_invalid_keys: decrypt-invalid-key-id.
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"test message 123!@#")["CiphertextBlob"]
    resp = expect_error(kms.decrypt, CiphertextBlob=blob, KeyId=hmac_keys("HMAC_224")["KeyId"])
    assert_error(resp, "IncorrectKeyException", INCORRECT_KEY_MSG)


def test_get_public_key_and_rotation_of_an_hmac_key_are_unsupported_operations(kms, hmac_keys):
    # HMAC keys have no public key and no automatic rotation; AWS's messages are not pinned: codes only.
    md = hmac_keys("HMAC_512")
    assert_error(expect_error(kms.get_public_key, KeyId=md["KeyId"]), "UnsupportedOperationException")
    assert_error(expect_error(kms.enable_key_rotation, KeyId=md["KeyId"]), "UnsupportedOperationException")


def test_generate_and_verify_mac_dry_run(kms, hmac_keys):
    md = hmac_keys("HMAC_256")
    resp = expect_error(kms.generate_mac, KeyId=md["KeyId"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_256", DryRun=True)
    assert_error(resp, "DryRunOperationException", DRY_RUN_MSG)
    mac = kms.generate_mac(KeyId=md["KeyId"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_256")["Mac"]
    resp = expect_error(kms.verify_mac, KeyId=md["KeyId"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_256", Mac=mac,
                        DryRun=True)
    assert_error(resp, "DryRunOperationException", DRY_RUN_MSG)


def test_mac_operations_with_a_disabled_key_are_disabled_exception(kms):
    md = kms.create_key(KeySpec="HMAC_256", KeyUsage="GENERATE_VERIFY_MAC")["KeyMetadata"]
    mac = kms.generate_mac(KeyId=md["KeyId"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_256")["Mac"]
    kms.disable_key(KeyId=md["KeyId"])
    disabled = DISABLED_FMT.format(arn=md["Arn"])
    resp = expect_error(kms.generate_mac, KeyId=md["KeyId"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_256")
    assert_error(resp, "DisabledException", disabled)
    resp = expect_error(kms.verify_mac, KeyId=md["KeyId"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_256", Mac=mac)
    assert_error(resp, "DisabledException", disabled)
    kms.enable_key(KeyId=md["KeyId"])
    # The key material survived: the old MAC still verifies and a new one equals it.
    assert kms.verify_mac(KeyId=md["KeyId"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_256", Mac=mac)["MacValid"] is True
    assert kms.generate_mac(KeyId=md["KeyId"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_256")["Mac"] == mac


# --- Policy condition: kms:MacAlgorithm ------------------------------------------------------------

def test_policy_condition_on_mac_algorithm(server, kms, hmac_keys):
    """An IAM policy allowing kms:GenerateMac / kms:VerifyMac only with "kms:MacAlgorithm":
    "HMAC_SHA_512": the HMAC_512 key works, HMAC_SHA_256 on the HMAC_256 key is denied (both keys
    have the default key policy, which defers to IAM)."""
    k512, k256 = hmac_keys("HMAC_512"), hmac_keys("HMAC_256")
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": ["kms:GenerateMac", "kms:VerifyMac"], "Resource": [k512["Arn"], k256["Arn"]],
        "Condition": {"StringEquals": {"kms:MacAlgorithm": "HMAC_SHA_512"}}}]}
    name, client = user_with_policy(server, policy, "kms", prefix="mac-user")
    mac = client.generate_mac(KeyId=k512["Arn"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_512")["Mac"]
    assert len(mac) == 64
    assert client.verify_mac(KeyId=k512["Arn"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_512",
                             Mac=mac)["MacValid"] is True
    user = f"arn:aws:iam::{DEFAULT_ACCOUNT}:user/{name}"
    resp = expect_error(client.generate_mac, KeyId=k256["Arn"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_256")
    assert_access_denied(resp, user, "kms:GenerateMac", k256["Arn"], "no-identity-policy")
    mac256 = kms.generate_mac(KeyId=k256["Arn"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_256")["Mac"]
    resp = expect_error(client.verify_mac, KeyId=k256["Arn"], Message=MESSAGE, MacAlgorithm="HMAC_SHA_256", Mac=mac256)
    assert_access_denied(resp, user, "kms:VerifyMac", k256["Arn"], "no-identity-policy")
