"""CreateKey / DescribeKey / ListKeys / UpdateKeyDescription / EnableKey / DisableKey."""
import datetime
import gzip
import json
import os
import uuid

import botocore
import pytest

from helpers import (DEFAULT_ACCOUNT, REGION, UUID_RE, assert_enum_error, assert_error,
                     expect_error, key_arn, unique_alias)


def _model_enum(shape):
    path = os.path.join(os.path.dirname(botocore.__file__), "data/kms/2014-11-01/service-2.json.gz")
    return set(json.load(gzip.open(path))["shapes"][shape]["enum"])


# --- CreateKey -------------------------------------------------------------------------------

def test_create_key_returns_symmetric_default_metadata(kms):
    before = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=5)
    meta = kms.create_key(Description="test key 123", KeyUsage="ENCRYPT_DECRYPT")["KeyMetadata"]
    assert UUID_RE.match(meta["KeyId"]), meta["KeyId"]
    assert meta["Arn"] == key_arn(meta["KeyId"])
    assert meta["AWSAccountId"] == DEFAULT_ACCOUNT
    assert meta["Description"] == "test key 123"
    assert meta["Enabled"] is True
    assert meta["KeyState"] == "Enabled"
    assert meta["KeyUsage"] == "ENCRYPT_DECRYPT"
    assert meta["KeySpec"] == "SYMMETRIC_DEFAULT"
    assert meta["CustomerMasterKeySpec"] == "SYMMETRIC_DEFAULT"
    assert meta["EncryptionAlgorithms"] == ["SYMMETRIC_DEFAULT"]
    assert meta["KeyManager"] == "CUSTOMER"
    assert meta["Origin"] == "AWS_KMS"
    assert meta["MultiRegion"] is False
    assert isinstance(meta["CreationDate"], datetime.datetime)
    assert meta["CreationDate"] >= before
    for absent in ("DeletionDate", "ValidTo", "SigningAlgorithms", "MacAlgorithms",
                   "MultiRegionConfiguration", "PendingDeletionWindowInDays"):
        assert absent not in meta, absent


def test_create_key_without_description_has_empty_description(kms):
    meta = kms.create_key()["KeyMetadata"]
    assert meta["Description"] == ""
    assert meta["KeyUsage"] == "ENCRYPT_DECRYPT"
    assert meta["KeySpec"] == "SYMMETRIC_DEFAULT"


def test_describe_key_matches_create_key(kms):
    created = kms.create_key(Description="describe me")["KeyMetadata"]
    described = kms.describe_key(KeyId=created["KeyId"])["KeyMetadata"]
    assert described == created


def test_describe_key_reports_current_key_material_id(kms, key):
    meta = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
    assert meta.get("CurrentKeyMaterialId"), "AWS reports CurrentKeyMaterialId for AWS_KMS keys"


@pytest.mark.parametrize("kwargs", [
    {"KeySpec": "SYMMETRIC_DEFAULT"},
    {"CustomerMasterKeySpec": "SYMMETRIC_DEFAULT"},
    {"KeySpec": "SYMMETRIC_DEFAULT", "KeyUsage": "ENCRYPT_DECRYPT"},
    {"Origin": "AWS_KMS"},
    {"MultiRegion": False},
    {"BypassPolicyLockoutSafetyCheck": False},
], ids=["keyspec", "cmkspec", "keyspec+usage", "origin", "multiregion-false", "bypass-false"])
def test_create_key_accepts_explicit_symmetric_defaults(kms, kwargs):
    meta = kms.create_key(**kwargs)["KeyMetadata"]
    assert meta["KeySpec"] == "SYMMETRIC_DEFAULT"
    assert meta["Origin"] == "AWS_KMS"


def test_create_key_key_ids_are_unique(kms):
    ids = {kms.create_key()["KeyMetadata"]["KeyId"] for _ in range(5)}
    assert len(ids) == 5


@pytest.mark.parametrize("kwargs", [
    {"KeySpec": "SM2", "KeyUsage": "SIGN_VERIFY"},
], ids=lambda kw: "-".join(str(v) for v in kw.values()))
def test_create_key_with_unsupported_key_spec_is_unsupported_operation(kms, kwargs):
    """SM2 is for the China Regions; AWS in us-east-1 answers as asserted here."""
    resp = expect_error(kms.create_key, **kwargs)
    assert_error(resp, "UnsupportedOperationException", "KeySpec SM2 is not supported in this Region")


def test_create_key_unsupported_spec_creates_nothing(kms):
    before = _all_key_ids(kms)
    expect_error(kms.create_key, KeySpec="SM2", KeyUsage="SIGN_VERIFY")
    assert _all_key_ids(kms) == before


def test_create_key_asymmetric_spec_without_key_usage_is_validation_error(kms):
    resp = expect_error(kms.create_key, KeySpec="HMAC_256")
    assert_error(resp, "ValidationException",
                 "You must specify a KeyUsage value for all KMS keys except for symmetric "
                 "encryption keys.")


def test_create_key_symmetric_with_sign_verify_usage_is_validation_error(kms):
    resp = expect_error(kms.create_key, KeySpec="SYMMETRIC_DEFAULT", KeyUsage="SIGN_VERIFY")
    assert_error(resp, "ValidationException",
                 "KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT")


def test_create_key_with_both_key_spec_and_customer_master_key_spec_is_rejected(kms):
    resp = expect_error(kms.create_key, KeySpec="SYMMETRIC_DEFAULT",
                        CustomerMasterKeySpec="SYMMETRIC_DEFAULT")
    err = assert_error(resp, "ValidationException")
    assert "CustomerMasterKeySpec" in err["Message"] and "KeySpec" in err["Message"]


def test_create_key_unknown_key_usage_is_enum_validation_error(kms_raw):
    resp = expect_error(kms_raw.create_key, KeyUsage="RANDOM")
    err = assert_error(resp, "ValidationException")
    assert_enum_error(err["Message"], "RANDOM", "keyUsage", _model_enum("KeyUsageType"))


def test_create_key_unknown_key_spec_is_enum_validation_error(kms_raw):
    resp = expect_error(kms_raw.create_key, KeySpec="HMAC_random")
    err = assert_error(resp, "ValidationException")
    assert_enum_error(err["Message"], "HMAC_random", "keySpec", _model_enum("KeySpec"))


def test_create_key_description_too_long_is_validation_error(kms_raw):
    desc = "d" * 8193
    resp = expect_error(kms_raw.create_key, Description=desc)
    assert_error(resp, "ValidationException",
                 f"1 validation error detected: Value '{desc}' at 'description' failed to satisfy "
                 "constraint: Member must have length less than or equal to 8192")


def test_create_key_description_of_max_length_is_accepted(kms):
    desc = "d" * 8192
    meta = kms.create_key(Description=desc)["KeyMetadata"]
    assert kms.describe_key(KeyId=meta["KeyId"])["KeyMetadata"]["Description"] == desc


def test_create_key_with_non_ascii_description_round_trips(kms):
    desc = "clé für 日本 ✓"
    meta = kms.create_key(Description=desc)["KeyMetadata"]
    assert kms.describe_key(KeyId=meta["KeyId"])["KeyMetadata"]["Description"] == desc


# --- DescribeKey identifiers and errors -------------------------------------------------------

def test_describe_key_accepts_every_identifier_form(kms, key):
    alias = unique_alias()
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    for ident in (key["KeyId"], key["Arn"], alias, f"arn:aws:kms:{REGION}:{DEFAULT_ACCOUNT}:{alias}"):
        meta = kms.describe_key(KeyId=ident)["KeyMetadata"]
        assert meta["KeyId"] == key["KeyId"], ident
        assert meta["Arn"] == key["Arn"], ident


def test_describe_key_nonexistent_uuid_is_not_found(kms):
    fake = "134f2428-cec1-4b25-a1ae-9048164dba47"
    resp = expect_error(kms.describe_key, KeyId=fake)
    assert_error(resp, "NotFoundException", f"Key '{key_arn(fake)}' does not exist")


def test_describe_key_nonexistent_arn_is_not_found(kms):
    fake = "134f2428-cec1-4b25-a1ae-9048164dba47"
    resp = expect_error(kms.describe_key, KeyId=key_arn(fake))
    assert_error(resp, "NotFoundException", f"Key '{key_arn(fake)}' does not exist")


def test_describe_key_nonexistent_multi_region_id_is_not_found(kms):
    fake = "mrk-d3b95762d3b95762d3b95762d3b95762"
    resp = expect_error(kms.describe_key, KeyId=fake)
    assert_error(resp, "NotFoundException", f"Key '{key_arn(fake)}' does not exist")


@pytest.mark.parametrize("bad", ["fake-key-id", "134f2428cec14b25a1ae9048164dba47", "mrk-fake-key-id"])
def test_describe_key_malformed_key_id_is_not_found_invalid_key_id(kms, bad):
    resp = expect_error(kms.describe_key, KeyId=bad)
    assert_error(resp, "NotFoundException", f"Invalid keyId '{bad}'")


def test_describe_key_unknown_alias_is_not_found(kms):
    alias = unique_alias("missing")
    resp = expect_error(kms.describe_key, KeyId=alias)
    err = assert_error(resp, "NotFoundException")
    assert alias in err["Message"]


def test_describe_key_missing_key_id_is_validation_error(kms_raw):
    resp = expect_error(kms_raw.describe_key)
    assert_error(resp, "ValidationException")


# --- UpdateKeyDescription ----------------------------------------------------------------------

def test_update_key_description_changes_description(kms, key):
    assert kms.update_key_description(KeyId=key["KeyId"], Description="new words")
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["Description"] == "new words"


def test_update_key_description_accepts_arn_but_not_alias(kms, key):
    # UpdateKeyDescription takes a key ID or key ARN only.
    kms.update_key_description(KeyId=key["Arn"], Description="via arn")
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["Description"] == "via arn"
    alias = unique_alias()
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    resp = expect_error(kms.update_key_description, KeyId=alias, Description="via alias")
    assert_error(resp, "NotFoundException")
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["Description"] == "via arn"


def test_update_key_description_to_empty_string(kms, key):
    kms.update_key_description(KeyId=key["KeyId"], Description="")
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["Description"] == ""


def test_update_key_description_works_on_disabled_key(kms, key):
    kms.disable_key(KeyId=key["KeyId"])
    kms.update_key_description(KeyId=key["KeyId"], Description="while disabled")
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["Description"] == "while disabled"


def test_update_key_description_nonexistent_key_is_not_found(kms):
    fake = str(uuid.uuid4())
    resp = expect_error(kms.update_key_description, KeyId=fake, Description="x")
    assert_error(resp, "NotFoundException", f"Key '{key_arn(fake)}' does not exist")


def test_update_key_description_too_long_is_validation_error(kms_raw, key):
    desc = "x" * 8193
    resp = expect_error(kms_raw.update_key_description, KeyId=key["KeyId"], Description=desc)
    assert_error(resp, "ValidationException",
                 f"1 validation error detected: Value '{desc}' at 'description' failed to satisfy "
                 "constraint: Member must have length less than or equal to 8192")


# --- EnableKey / DisableKey ---------------------------------------------------------------------

def test_disable_then_enable_key_changes_state(kms, key):
    kms.disable_key(KeyId=key["KeyId"])
    meta = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
    assert (meta["Enabled"], meta["KeyState"]) == (False, "Disabled")
    kms.enable_key(KeyId=key["KeyId"])
    meta = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
    assert (meta["Enabled"], meta["KeyState"]) == (True, "Enabled")


def test_disable_and_enable_are_idempotent(kms, key):
    kms.enable_key(KeyId=key["KeyId"])
    kms.disable_key(KeyId=key["KeyId"])
    kms.disable_key(KeyId=key["KeyId"])
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == "Disabled"
    kms.enable_key(KeyId=key["KeyId"])
    kms.enable_key(KeyId=key["KeyId"])
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == "Enabled"


def test_disable_and_enable_accept_arn(kms, key):
    kms.disable_key(KeyId=key["Arn"])
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["Enabled"] is False
    kms.enable_key(KeyId=key["Arn"])
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["Enabled"] is True


def test_disable_key_rejects_alias_name(kms, key):
    # DisableKey/EnableKey document key ID or key ARN only; aliases are rejected by AWS.
    alias = unique_alias()
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    resp = expect_error(kms.disable_key, KeyId=alias)
    assert_error(resp, "NotFoundException")
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["Enabled"] is True


def test_enable_nonexistent_key_is_not_found(kms):
    fake = str(uuid.uuid4())
    resp = expect_error(kms.enable_key, KeyId=fake)
    assert_error(resp, "NotFoundException", f"Key '{key_arn(fake)}' does not exist")
    resp = expect_error(kms.disable_key, KeyId=fake)
    assert_error(resp, "NotFoundException", f"Key '{key_arn(fake)}' does not exist")


def test_list_keys_still_lists_disabled_key(kms, key):
    kms.disable_key(KeyId=key["KeyId"])
    assert key["KeyId"] in _all_key_ids(kms)


# --- ListKeys ---------------------------------------------------------------------------------

def _all_key_ids(kms, limit=None):
    ids, marker, pages = [], None, 0
    while True:
        kwargs = {}
        if limit:
            kwargs["Limit"] = limit
        if marker:
            kwargs["Marker"] = marker
        resp = kms.list_keys(**kwargs)
        pages += 1
        assert pages < 10000
        for entry in resp["Keys"]:
            ids.append(entry["KeyId"])
        if not resp["Truncated"]:
            assert "NextMarker" not in resp
            break
        marker = resp["NextMarker"]
    return ids


def test_list_keys_lists_key_with_arn(kms, key):
    entries = []
    marker = None
    while True:
        resp = kms.list_keys(**({"Marker": marker} if marker else {}))
        entries += resp["Keys"]
        if not resp["Truncated"]:
            break
        marker = resp["NextMarker"]
    match = [e for e in entries if e["KeyId"] == key["KeyId"]]
    assert match == [{"KeyId": key["KeyId"], "KeyArn": key["Arn"]}]


def test_list_keys_pages_with_limit_and_marker_without_duplicates(kms):
    created = [kms.create_key()["KeyMetadata"]["KeyId"] for _ in range(3)]
    paged = _all_key_ids(kms, limit=1)
    assert len(paged) == len(set(paged))
    assert set(created) <= set(paged)
    assert sorted(paged) == sorted(_all_key_ids(kms))


def test_list_keys_limit_caps_page_size(kms):
    for _ in range(3):
        kms.create_key()
    resp = kms.list_keys(Limit=2)
    assert len(resp["Keys"]) == 2
    assert resp["Truncated"] is True
    assert resp["NextMarker"]


def test_list_keys_limit_zero_is_validation_error(kms_raw):
    resp = expect_error(kms_raw.list_keys, Limit=0)
    assert_error(resp, "ValidationException",
                 "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                 "Member must have value greater than or equal to 1")


def test_list_keys_limit_above_1000_is_validation_error(kms_raw):
    resp = expect_error(kms_raw.list_keys, Limit=1001)
    assert_error(resp, "ValidationException",
                 "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: "
                 "Member must have value less than or equal to 1000")


def test_list_keys_garbage_marker_is_invalid_marker(kms):
    resp = expect_error(kms.list_keys, Marker="not-a-marker-we-issued")
    assert_error(resp, "InvalidMarkerException")
