"""TagResource / UntagResource / ListResourceTags and CreateKey Tags."""
import uuid

import pytest

from helpers import assert_error, expect_error, key_arn, unique_alias


def tags(**kv):
    return [{"TagKey": k, "TagValue": v} for k, v in kv.items()]


def _sorted(ts):
    return sorted(ts, key=lambda t: t["TagKey"])


def _list(kms, key_id):
    resp = kms.list_resource_tags(KeyId=key_id)
    assert resp["Truncated"] is False
    return _sorted(resp["Tags"])


def test_create_key_with_tags_lists_them(kms):
    key = kms.create_key(Tags=tags(tag1="value1", tag2="value2"))["KeyMetadata"]
    assert _list(kms, key["KeyId"]) == tags(tag1="value1", tag2="value2")


def test_new_key_has_no_tags(kms, key):
    assert _list(kms, key["KeyId"]) == []


def test_tag_then_untag_all(kms, key):
    kms.tag_resource(KeyId=key["KeyId"], Tags=tags(tag1="value1", tag2="value2"))
    assert _list(kms, key["KeyId"]) == tags(tag1="value1", tag2="value2")
    kms.untag_resource(KeyId=key["KeyId"], TagKeys=["tag1", "tag2"])
    assert _list(kms, key["KeyId"]) == []


def test_untag_partially(kms):
    key = kms.create_key(Tags=tags(tag1="value1", tag2="value2", tag3="value3"))["KeyMetadata"]
    kms.untag_resource(KeyId=key["KeyId"], TagKeys=["tag2"])
    assert _list(kms, key["KeyId"]) == tags(tag1="value1", tag3="value3")


def test_tag_resource_overwrites_and_adds(kms):
    key = kms.create_key(Tags=tags(tag1="value1", tag2="value2", tag3="value3"))["KeyMetadata"]
    kms.tag_resource(KeyId=key["KeyId"], Tags=tags(tag4="value4", tag2="updated_value2", tag5="value5"))
    assert _list(kms, key["KeyId"]) == tags(tag1="value1", tag2="updated_value2", tag3="value3",
                                           tag4="value4", tag5="value5")


def test_untag_missing_key_is_a_no_op(kms, key):
    kms.tag_resource(KeyId=key["KeyId"], Tags=tags(keep="me"))
    kms.untag_resource(KeyId=key["KeyId"], TagKeys=["never-set"])
    assert _list(kms, key["KeyId"]) == tags(keep="me")


def test_empty_tag_value_is_allowed(kms, key):
    kms.tag_resource(KeyId=key["KeyId"], Tags=tags(empty=""))
    assert _list(kms, key["KeyId"]) == tags(empty="")


def test_tag_keys_are_case_sensitive(kms, key):
    kms.tag_resource(KeyId=key["KeyId"], Tags=tags(Env="a", env="b"))
    assert _list(kms, key["KeyId"]) == _sorted(tags(Env="a", env="b"))


@pytest.mark.parametrize("form", ["key-id", "key-arn"])
def test_tag_operations_accept_key_id_and_arn(kms, key, form):
    ident = key["KeyId"] if form == "key-id" else key["Arn"]
    kms.tag_resource(KeyId=ident, Tags=tags(via=form))
    assert _sorted(kms.list_resource_tags(KeyId=ident)["Tags"]) == tags(via=form)
    kms.untag_resource(KeyId=ident, TagKeys=["via"])
    assert _list(kms, key["KeyId"]) == []


def test_tag_resource_rejects_alias(kms, key):
    # TagResource/UntagResource/ListResourceTags take a key ID or key ARN, not an alias.
    alias = unique_alias()
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    resp = expect_error(kms.tag_resource, KeyId=alias, Tags=tags(a="b"))
    assert resp["Error"]["Code"] in {"NotFoundException", "InvalidArnException"}, resp["Error"]
    assert _list(kms, key["KeyId"]) == []


def test_tags_work_on_disabled_key(kms, key):
    kms.disable_key(KeyId=key["KeyId"])
    kms.tag_resource(KeyId=key["KeyId"], Tags=tags(state="disabled"))
    assert _list(kms, key["KeyId"]) == tags(state="disabled")
    kms.untag_resource(KeyId=key["KeyId"], TagKeys=["state"])
    assert _list(kms, key["KeyId"]) == []


def test_tag_nonexistent_key_is_not_found(kms):
    fake = str(uuid.uuid4())
    msg = f"Key '{key_arn(fake)}' does not exist"
    assert_error(expect_error(kms.tag_resource, KeyId=fake, Tags=tags(a="b")), "NotFoundException", msg)
    assert_error(expect_error(kms.untag_resource, KeyId=fake, TagKeys=["a"]), "NotFoundException", msg)
    assert_error(expect_error(kms.list_resource_tags, KeyId=fake), "NotFoundException", msg)


def test_duplicate_tag_keys_in_one_request_is_tag_exception(kms, key):
    resp = expect_error(kms.tag_resource, KeyId=key["KeyId"], Tags=[
        {"TagKey": "tag1", "TagValue": "value1"}, {"TagKey": "tag1", "TagValue": "another-value1"}])
    assert_error(resp, "TagException", "Duplicate tag keys")
    assert _list(kms, key["KeyId"]) == []


def test_create_key_with_51_tags_is_tag_exception(kms):
    many = [{"TagKey": f"key{i}", "TagValue": f"value{i}"} for i in range(51)]
    assert_error(expect_error(kms.create_key, Tags=many), "TagException", "Too many tags")


def test_create_key_with_50_tags_is_accepted(kms):
    many = [{"TagKey": f"key{i}", "TagValue": f"value{i}"} for i in range(50)]
    key = kms.create_key(Tags=many)["KeyMetadata"]
    assert len(_list(kms, key["KeyId"])) == 50


def test_tag_resource_beyond_50_total_tags_is_rejected(kms):
    key = kms.create_key(Tags=[{"TagKey": f"k{i}", "TagValue": "v"} for i in range(50)])["KeyMetadata"]
    resp = expect_error(kms.tag_resource, KeyId=key["KeyId"], Tags=tags(one_more="v"))
    assert resp["Error"]["Code"] in {"TagException", "LimitExceededException"}, resp["Error"]
    assert len(_list(kms, key["KeyId"])) == 50


@pytest.mark.parametrize("tag_key", ["aws:key1", "AWS:key1"], ids=["lowercase", "uppercase"])
def test_create_key_with_reserved_tag_prefix_is_tag_exception(kms, tag_key):
    resp = expect_error(kms.create_key, Tags=tags(**{tag_key: "value1"}))
    assert_error(resp, "TagException", "Tags beginning with aws: are reserved")


def test_tag_existing_key_with_reserved_prefix_is_tag_exception(kms, key):
    resp = expect_error(kms.tag_resource, KeyId=key["KeyId"], Tags=tags(**{"aws:key1": "value1"}))
    assert_error(resp, "TagException", "Tags beginning with aws: are reserved")


def test_tag_key_too_long_is_validation_error(kms):
    long_key = "a" * 129
    resp = expect_error(kms.create_key, Tags=tags(**{long_key: "value1"}))
    assert_error(resp, "ValidationException",
                 f"1 validation error detected: Value '{long_key}' at 'tags.1.member.tagKey' failed to "
                 "satisfy constraint: Member must have length less than or equal to 128")


def test_tag_value_too_long_is_validation_error(kms):
    long_value = "v" * 257
    resp = expect_error(kms.create_key, Tags=tags(tag1=long_value))
    assert_error(resp, "ValidationException",
                 f"1 validation error detected: Value '{long_value}' at 'tags.1.member.tagValue' failed "
                 "to satisfy constraint: Member must have length less than or equal to 256")


def test_tag_value_too_long_reports_member_index(kms, key):
    long_value = "v" * 257
    resp = expect_error(kms.tag_resource, KeyId=key["KeyId"],
                        Tags=tags(ok="fine", bad=long_value))
    assert_error(resp, "ValidationException",
                 f"1 validation error detected: Value '{long_value}' at 'tags.2.member.tagValue' failed "
                 "to satisfy constraint: Member must have length less than or equal to 256")


def test_failed_create_key_with_bad_tags_creates_no_key(kms):
    before = {k["KeyId"] for k in kms.list_keys(Limit=1000)["Keys"]}
    expect_error(kms.create_key, Tags=tags(**{"aws:x": "y"}))
    after = {k["KeyId"] for k in kms.list_keys(Limit=1000)["Keys"]}
    assert after == before
