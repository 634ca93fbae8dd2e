"""CreateAlias / UpdateAlias / DeleteAlias / ListAliases."""
import datetime
import uuid

import pytest

from helpers import (ALIAS_PREFIX_MSG, DEFAULT_ACCOUNT, REGION, alias_arn, assert_error,
                     expect_error, key_arn, unique_alias)


def _all_aliases(kms, **kwargs):
    out, marker = [], None
    for _ in range(10000):
        args = dict(kwargs)
        if marker:
            args["Marker"] = marker
        resp = kms.list_aliases(**args)
        out += resp["Aliases"]
        if not resp["Truncated"]:
            assert "NextMarker" not in resp
            return out
        marker = resp["NextMarker"]
    raise AssertionError("ListAliases never stopped paging")


def _find(kms, name, **kwargs):
    hits = [a for a in _all_aliases(kms, **kwargs) if a["AliasName"] == name]
    assert len(hits) <= 1
    return hits[0] if hits else None


def test_create_alias_is_listed_with_arn_target_and_dates(kms, key):
    alias = unique_alias()
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    entry = _find(kms, alias)
    assert entry is not None
    assert entry["AliasArn"] == alias_arn(alias)
    assert entry["TargetKeyId"] == key["KeyId"]
    assert isinstance(entry["CreationDate"], datetime.datetime)
    assert isinstance(entry["LastUpdatedDate"], datetime.datetime)


@pytest.mark.parametrize("form", ["key-id", "key-arn"])
def test_create_alias_accepts_key_id_and_key_arn(kms, key, form):
    alias = unique_alias()
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"] if form == "key-id" else key["Arn"])
    assert kms.describe_key(KeyId=alias)["KeyMetadata"]["KeyId"] == key["KeyId"]


def test_create_alias_on_disabled_key_succeeds(kms, key):
    kms.disable_key(KeyId=key["KeyId"])
    alias = unique_alias()
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    assert kms.describe_key(KeyId=alias)["KeyMetadata"]["KeyState"] == "Disabled"


def test_create_alias_without_prefix_is_validation_error(kms, key):
    resp = expect_error(kms.create_alias, AliasName=f"noprefix-{uuid.uuid4().hex[:8]}",
                        TargetKeyId=key["KeyId"])
    assert_error(resp, "ValidationException", ALIAS_PREFIX_MSG)


def test_create_alias_duplicate_is_already_exists(kms, key):
    alias = unique_alias()
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    other = kms.create_key()["KeyMetadata"]
    resp = expect_error(kms.create_alias, AliasName=alias, TargetKeyId=other["KeyId"])
    err = assert_error(resp, "AlreadyExistsException")
    assert err["Message"] == f"An alias with the name {alias_arn(alias)} already exists"
    assert kms.describe_key(KeyId=alias)["KeyMetadata"]["KeyId"] == key["KeyId"]


@pytest.mark.parametrize("name", ["alias/aws/compat", "alias/aws/ebs"])
def test_create_alias_in_reserved_aws_namespace_is_not_authorized(kms, key, name):
    resp = expect_error(kms.create_alias, AliasName=name, TargetKeyId=key["KeyId"])
    assert_error(resp, "NotAuthorizedException")


def test_create_alias_with_invalid_characters_is_validation_error(kms, key):
    name = "alias/has space"
    resp = expect_error(kms.create_alias, AliasName=name, TargetKeyId=key["KeyId"])
    assert_error(resp, "ValidationException",
                 f"1 validation error detected: Value '{name}' at 'aliasName' failed to satisfy "
                 "constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$")


def test_alias_name_with_a_colon_is_refused_though_the_model_pattern_allows_it(kms, key):
    """The model's pattern admits `:`; AWS itself allows only letters, digits, `/`, `_` and `-`."""
    name = unique_alias("has") + ":colon"
    for call in (kms.create_alias, kms.update_alias):
        resp = expect_error(call, AliasName=name, TargetKeyId=key["KeyId"])
        assert_error(resp, "ValidationException", f"{name} contains invalid characters for an alias")
    assert _find(kms, name) is None
    assert_error(expect_error(kms.describe_key, KeyId=name), "NotFoundException")


def test_create_alias_for_nonexistent_key_is_not_found(kms):
    fake = str(uuid.uuid4())
    resp = expect_error(kms.create_alias, AliasName=unique_alias(), TargetKeyId=fake)
    assert_error(resp, "NotFoundException", f"Key '{key_arn(fake)}' does not exist")


def test_alias_names_are_case_sensitive(kms, key):
    base = unique_alias("Case")
    kms.create_alias(AliasName=base, TargetKeyId=key["KeyId"])
    resp = expect_error(kms.describe_key, KeyId=base.lower())
    assert_error(resp, "NotFoundException")


# --- UpdateAlias -----------------------------------------------------------------------------

def test_update_alias_retargets_encrypt(kms, key):
    alias = unique_alias()
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    other = kms.create_key()["KeyMetadata"]
    kms.update_alias(AliasName=alias, TargetKeyId=other["KeyId"])
    assert kms.encrypt(KeyId=alias, Plaintext=b"x")["KeyId"] == other["Arn"]
    entry = _find(kms, alias)
    assert entry["TargetKeyId"] == other["KeyId"]
    assert entry["LastUpdatedDate"] >= entry["CreationDate"]


def test_update_alias_accepts_key_arn(kms, key):
    alias = unique_alias()
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    other = kms.create_key()["KeyMetadata"]
    kms.update_alias(AliasName=alias, TargetKeyId=other["Arn"])
    assert kms.describe_key(KeyId=alias)["KeyMetadata"]["KeyId"] == other["KeyId"]


def test_update_alias_to_disabled_key_succeeds(kms, key):
    alias = unique_alias()
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    other = kms.create_key()["KeyMetadata"]
    kms.disable_key(KeyId=other["KeyId"])
    kms.update_alias(AliasName=alias, TargetKeyId=other["KeyId"])
    assert kms.describe_key(KeyId=alias)["KeyMetadata"]["KeyId"] == other["KeyId"]


def test_update_unknown_alias_is_not_found(kms, key):
    alias = unique_alias("ghost")
    resp = expect_error(kms.update_alias, AliasName=alias, TargetKeyId=key["KeyId"])
    err = assert_error(resp, "NotFoundException")
    assert alias in err["Message"]


def test_update_alias_to_nonexistent_key_is_not_found(kms, key):
    alias = unique_alias()
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    fake = str(uuid.uuid4())
    resp = expect_error(kms.update_alias, AliasName=alias, TargetKeyId=fake)
    assert_error(resp, "NotFoundException", f"Key '{key_arn(fake)}' does not exist")
    assert kms.describe_key(KeyId=alias)["KeyMetadata"]["KeyId"] == key["KeyId"]


def test_update_alias_in_reserved_namespace_is_not_authorized(kms, key):
    resp = expect_error(kms.update_alias, AliasName="alias/aws/ebs", TargetKeyId=key["KeyId"])
    assert_error(resp, "NotAuthorizedException")


# --- DeleteAlias -----------------------------------------------------------------------------

def test_delete_alias_removes_it_but_not_the_key(kms, key):
    alias = unique_alias()
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    kms.delete_alias(AliasName=alias)
    assert _find(kms, alias) is None
    assert_error(expect_error(kms.describe_key, KeyId=alias), "NotFoundException")
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == "Enabled"


def test_delete_alias_frees_the_name(kms, key):
    alias = unique_alias()
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    kms.delete_alias(AliasName=alias)
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    assert _find(kms, alias)["TargetKeyId"] == key["KeyId"]


def test_delete_alias_of_disabled_key_succeeds(kms, key):
    alias = unique_alias()
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    kms.disable_key(KeyId=key["KeyId"])
    kms.delete_alias(AliasName=alias)
    assert _find(kms, alias) is None


def test_delete_unknown_alias_is_not_found(kms):
    alias = unique_alias("ghost")
    resp = expect_error(kms.delete_alias, AliasName=alias)
    err = assert_error(resp, "NotFoundException")
    assert alias in err["Message"]


def test_delete_alias_without_prefix_is_validation_error(kms):
    resp = expect_error(kms.delete_alias, AliasName="noprefix")
    assert_error(resp, "ValidationException", ALIAS_PREFIX_MSG)


def test_delete_reserved_alias_is_not_authorized(kms):
    resp = expect_error(kms.delete_alias, AliasName="alias/aws/ebs")
    assert_error(resp, "NotAuthorizedException")


# --- ListAliases -------------------------------------------------------------------------------

def test_list_aliases_key_id_filter_returns_only_that_keys_aliases(kms, key):
    mine = {unique_alias(), unique_alias()}
    for a in mine:
        kms.create_alias(AliasName=a, TargetKeyId=key["KeyId"])
    other = kms.create_key()["KeyMetadata"]
    foreign = unique_alias()
    kms.create_alias(AliasName=foreign, TargetKeyId=other["KeyId"])
    for ident in (key["KeyId"], key["Arn"]):
        listed = _all_aliases(kms, KeyId=ident)
        assert {a["AliasName"] for a in listed} == mine
        assert all(a["TargetKeyId"] == key["KeyId"] for a in listed)


def test_list_aliases_for_key_without_aliases_is_empty(kms, key):
    resp = kms.list_aliases(KeyId=key["KeyId"])
    assert resp["Aliases"] == []
    assert resp["Truncated"] is False


def test_list_aliases_key_id_filter_nonexistent_key_is_not_found(kms):
    fake = str(uuid.uuid4())
    resp = expect_error(kms.list_aliases, KeyId=fake)
    assert_error(resp, "NotFoundException", f"Key '{key_arn(fake)}' does not exist")


def test_list_aliases_pages_with_limit_and_marker(kms, key):
    names = {unique_alias("page") for _ in range(3)}
    for a in names:
        kms.create_alias(AliasName=a, TargetKeyId=key["KeyId"])
    first = kms.list_aliases(KeyId=key["KeyId"], Limit=1)
    assert len(first["Aliases"]) == 1 and first["Truncated"] is True and first["NextMarker"]
    paged = _all_aliases(kms, KeyId=key["KeyId"], Limit=1)
    assert sorted(a["AliasName"] for a in paged) == sorted(names)
    everything = _all_aliases(kms, Limit=2)
    names_all = [a["AliasName"] for a in everything]
    assert len(names_all) == len(set(names_all))
    assert names <= set(names_all)


def test_list_aliases_limit_zero_is_validation_error(kms_raw):
    resp = expect_error(kms_raw.list_aliases, Limit=0)
    assert_error(resp, "ValidationException",
                 "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                 "Member must have value greater than or equal to 1")


def test_list_aliases_garbage_marker_is_invalid_marker(kms):
    resp = expect_error(kms.list_aliases, Marker="garbage-marker")
    assert_error(resp, "InvalidMarkerException")


def test_list_aliases_does_not_show_other_regions_aliases(kms, kms_factory, key):
    alias = unique_alias("regional")
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    west = kms_factory(region="eu-west-1")
    assert alias not in {a["AliasName"] for a in _all_aliases(west)}
    assert_error(expect_error(west.describe_key, KeyId=alias), "NotFoundException")


def test_same_alias_name_in_two_regions_is_independent(kms, kms_factory, key):
    alias = unique_alias("twin")
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    west = kms_factory(region="eu-west-1")
    west_key = west.create_key()["KeyMetadata"]
    west.create_alias(AliasName=alias, TargetKeyId=west_key["KeyId"])
    assert west.describe_key(KeyId=alias)["KeyMetadata"]["Arn"] == west_key["Arn"]
    assert kms.describe_key(KeyId=alias)["KeyMetadata"]["Arn"] == key["Arn"]
    assert f":{REGION}:{DEFAULT_ACCOUNT}:" in key["Arn"]
