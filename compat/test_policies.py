"""GetKeyPolicy / PutKeyPolicy / ListKeyPolicies and CreateKey Policy."""
import json
import uuid

import pytest

from helpers import DEFAULT_ACCOUNT, assert_error, expect_error, key_arn, unique_alias

ROOT = f"arn:aws:iam::{DEFAULT_ACCOUNT}:root"


def policy_doc(sid="compat", action="kms:*", principal=ROOT, effect="Allow"):
    return {
        "Version": "2012-10-17",
        "Id": f"policy-{sid}",
        "Statement": [{
            "Sid": sid,
            "Effect": effect,
            "Principal": {"AWS": principal},
            "Action": action,
            "Resource": "*",
        }],
    }


def _statements(doc):
    st = doc["Statement"]
    return st if isinstance(st, list) else [st]


def _as_list(v):
    return v if isinstance(v, list) else [v]


def test_default_key_policy_gives_account_root_all_kms_actions(kms, key):
    resp = kms.get_key_policy(KeyId=key["KeyId"], PolicyName="default")
    doc = json.loads(resp["Policy"])
    assert doc.get("Version") == "2012-10-17"
    grants = [s for s in _statements(doc)
              if s.get("Effect") == "Allow"
              and ROOT in _as_list(s.get("Principal", {}).get("AWS"))
              and "kms:*" in _as_list(s.get("Action"))
              and "*" in _as_list(s.get("Resource"))]
    assert grants, doc


def test_get_key_policy_returns_policy_name(kms, key):
    resp = kms.get_key_policy(KeyId=key["KeyId"], PolicyName="default")
    assert resp.get("PolicyName", "default") == "default"


def test_get_key_policy_without_policy_name_defaults_to_default(kms, key):
    with_name = kms.get_key_policy(KeyId=key["KeyId"], PolicyName="default")["Policy"]
    assert kms.get_key_policy(KeyId=key["KeyId"])["Policy"] == with_name


def test_list_key_policies_returns_default(kms, key):
    resp = kms.list_key_policies(KeyId=key["KeyId"])
    assert resp["PolicyNames"] == ["default"]
    assert resp["Truncated"] is False


def test_create_key_with_policy_stores_it(kms):
    doc = policy_doc(sid="create-time")
    key = kms.create_key(Policy=json.dumps(doc))["KeyMetadata"]
    assert json.loads(kms.get_key_policy(KeyId=key["KeyId"], PolicyName="default")["Policy"]) == doc


def test_put_key_policy_replaces_policy(kms, key):
    doc = policy_doc(sid="replaced")
    kms.put_key_policy(KeyId=key["KeyId"], PolicyName="default", Policy=json.dumps(doc))
    assert json.loads(kms.get_key_policy(KeyId=key["KeyId"], PolicyName="default")["Policy"]) == doc


def test_put_key_policy_without_policy_name(kms, key):
    doc = policy_doc(sid="noname")
    kms.put_key_policy(KeyId=key["KeyId"], Policy=json.dumps(doc))
    assert json.loads(kms.get_key_policy(KeyId=key["KeyId"])["Policy"]) == doc


def test_put_key_policy_preserves_document_text(kms, key):
    text = json.dumps(policy_doc(sid="verbatim"), indent=2)
    kms.put_key_policy(KeyId=key["KeyId"], PolicyName="default", Policy=text)
    assert kms.get_key_policy(KeyId=key["KeyId"], PolicyName="default")["Policy"] == text


def test_put_key_policy_with_statement_object_and_action_list(kms, key):
    doc = {"Version": "2012-10-17", "Statement": {
        "Effect": "Allow", "Principal": {"AWS": [ROOT]}, "Action": ["kms:Encrypt", "kms:*"],
        "Resource": "*"}}
    kms.put_key_policy(KeyId=key["KeyId"], PolicyName="default", Policy=json.dumps(doc))
    assert json.loads(kms.get_key_policy(KeyId=key["KeyId"])["Policy"]) == doc


def test_put_key_policy_on_disabled_key_succeeds(kms, key):
    kms.disable_key(KeyId=key["KeyId"])
    doc = policy_doc(sid="disabled")
    kms.put_key_policy(KeyId=key["KeyId"], PolicyName="default", Policy=json.dumps(doc))
    assert json.loads(kms.get_key_policy(KeyId=key["KeyId"])["Policy"]) == doc
    assert kms.list_key_policies(KeyId=key["KeyId"])["PolicyNames"] == ["default"]


@pytest.mark.parametrize("form", ["key-id", "key-arn"])
def test_policy_operations_accept_key_id_and_arn(kms, key, form):
    ident = key["KeyId"] if form == "key-id" else key["Arn"]
    doc = policy_doc(sid=form.replace("-", ""))
    kms.put_key_policy(KeyId=ident, PolicyName="default", Policy=json.dumps(doc))
    assert json.loads(kms.get_key_policy(KeyId=ident, PolicyName="default")["Policy"]) == doc
    assert kms.list_key_policies(KeyId=ident)["PolicyNames"] == ["default"]


def test_get_key_policy_rejects_alias(kms, key):
    alias = unique_alias()
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    resp = expect_error(kms.get_key_policy, KeyId=alias, PolicyName="default")
    assert resp["Error"]["Code"] in {"NotFoundException", "InvalidArnException"}, resp["Error"]


def test_policy_operations_on_nonexistent_key_are_not_found(kms):
    fake = str(uuid.uuid4())
    msg = f"Key '{key_arn(fake)}' does not exist"
    assert_error(expect_error(kms.get_key_policy, KeyId=fake, PolicyName="default"), "NotFoundException", msg)
    assert_error(expect_error(kms.list_key_policies, KeyId=fake), "NotFoundException", msg)
    assert_error(expect_error(kms.put_key_policy, KeyId=fake, PolicyName="default",
                              Policy=json.dumps(policy_doc())), "NotFoundException", msg)


@pytest.mark.parametrize("policy", [
    "this is not json",
    "{\"Version\": \"2012-10-17\"",
    json.dumps({"Version": "2012-10-17"}),
    json.dumps({"Version": "2012-10-17", "Statement": []}),
    json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Maybe", "Principal": {"AWS": ROOT},
                                                         "Action": "kms:*", "Resource": "*"}]}),
    json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ROOT},
                                                         "Resource": "*"}]}),
    json.dumps({"Version": "1999-01-01", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ROOT},
                                                         "Action": "kms:*", "Resource": "*"}]}),
    json.dumps(["not", "an", "object"]),
], ids=["not-json", "truncated-json", "no-statement", "empty-statement", "bad-effect", "no-action",
        "bad-version", "array"])
def test_put_key_policy_malformed_is_malformed_policy_document(kms, key, policy):
    before = kms.get_key_policy(KeyId=key["KeyId"], PolicyName="default")["Policy"]
    resp = expect_error(kms.put_key_policy, KeyId=key["KeyId"], PolicyName="default", Policy=policy)
    assert_error(resp, "MalformedPolicyDocumentException")
    assert kms.get_key_policy(KeyId=key["KeyId"], PolicyName="default")["Policy"] == before


def test_create_key_with_malformed_policy_is_rejected_and_creates_no_key(kms):
    before = {k["KeyId"] for k in kms.list_keys(Limit=1000)["Keys"]}
    resp = expect_error(kms.create_key, Policy="{not json")
    assert_error(resp, "MalformedPolicyDocumentException")
    assert {k["KeyId"] for k in kms.list_keys(Limit=1000)["Keys"]} == before


def test_put_key_policy_with_other_policy_name_is_rejected(kms_raw, key):
    resp = expect_error(kms_raw.put_key_policy, KeyId=key["KeyId"], PolicyName="custom",
                        Policy=json.dumps(policy_doc()))
    assert resp["Error"]["Code"] in {"ValidationException", "NotFoundException"}, resp["Error"]


def test_put_key_policy_oversized_is_validation_error(kms_raw, key):
    doc = policy_doc()
    doc["Statement"][0]["Sid"] = "x" * 131072
    resp = expect_error(kms_raw.put_key_policy, KeyId=key["KeyId"], PolicyName="default",
                        Policy=json.dumps(doc))
    assert resp["Error"]["Code"] in {"ValidationException", "LimitExceededException"}, resp["Error"]
