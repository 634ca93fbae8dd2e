"""The AWS JSON 1.1 wire: operations, serialization, validation, request ids, SigV4, isolation."""
import base64
import uuid

import pytest
import requests

from helpers import (ALICE_KEY, DEFAULT_ACCOUNT, OTHER_ACCOUNT, OTHER_ROOT_KEY, assert_error,
                     expect_error, json_error_code, key_arn)

# --- Operations and serialization -------------------------------------------------------------


def test_health_endpoint_needs_no_authentication(server):
    r = requests.get(f"{server.endpoint}/_arca/health", timeout=5)
    assert r.status_code == 200


def test_signed_raw_request_succeeds(signed_request):
    r = signed_request("TrentService.ListKeys", {})
    assert r.status_code == 200, r.text
    body = r.json()
    assert isinstance(body["Keys"], list)
    assert isinstance(body["Truncated"], bool)
    assert r.headers["Content-Type"].startswith("application/x-amz-json-1.1")


def test_an_error_without_a_message_has_no_message_member(signed_request, kms, key):
    """AWS answers InvalidCiphertextException with no message (aws-recorded test_kms.snapshot.json,
    where botocore shows it as ""): the body is `{"__type": ...}` alone."""
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"x", EncryptionContext={"app": "demo"})["CiphertextBlob"]
    r = signed_request("TrentService.Decrypt", {"CiphertextBlob": base64.b64encode(blob).decode()})
    assert r.status_code == 400
    assert r.json() == {"__type": "InvalidCiphertextException"}
    resp = expect_error(kms.decrypt, CiphertextBlob=blob)
    assert_error(resp, "InvalidCiphertextException", "")
    # An error with a message still carries it.
    r = signed_request("TrentService.DescribeKey", {"KeyId": "alias/absent-" + uuid.uuid4().hex})
    assert set(r.json()) == {"__type", "message"}


def test_unknown_operation_is_unknown_operation_exception(signed_request):
    r = signed_request("TrentService.MakeCoffee", {})
    assert r.status_code == 400
    code, _ = json_error_code(r.content)
    assert code == "UnknownOperationException"
    assert r.headers.get("x-amzn-RequestId")


def test_wrong_target_prefix_is_unknown_operation(signed_request):
    r = signed_request("DynamoDB_20120810.ListTables", {})
    assert r.status_code == 400
    assert json_error_code(r.content)[0] == "UnknownOperationException"


@pytest.mark.parametrize("body", [b"{not json", b"{\"Limit\": ", b"\xff\xfe\x00garbage", b"[1, 2]"],
                         ids=["broken", "truncated", "binary", "array"])
def test_malformed_json_is_serialization_exception(signed_request, body):
    r = signed_request("TrentService.ListKeys", body)
    assert r.status_code == 400
    assert json_error_code(r.content)[0] == "SerializationException"
    assert r.headers.get("x-amzn-RequestId")


def test_wrong_member_type_is_serialization_exception(signed_request):
    r = signed_request("TrentService.GenerateRandom", {"NumberOfBytes": "ten"})
    assert r.status_code == 400
    assert json_error_code(r.content)[0] == "SerializationException"


def test_blob_that_is_not_base64_is_serialization_exception(signed_request, kms):
    key = kms.create_key()["KeyMetadata"]
    r = signed_request("TrentService.Encrypt", {"KeyId": key["KeyId"], "Plaintext": "%%% not base64 %%%"})
    assert r.status_code == 400
    assert json_error_code(r.content)[0] == "SerializationException"


def test_empty_body_is_accepted_for_operation_without_required_members(signed_request):
    r = signed_request("TrentService.ListKeys", b"")
    assert r.status_code in (200, 400)
    if r.status_code == 400:
        assert json_error_code(r.content)[0] == "SerializationException"


def test_unknown_members_are_ignored(signed_request):
    r = signed_request("TrentService.GenerateRandom", {"NumberOfBytes": 8, "NotAMember": True})
    assert r.status_code == 200, r.text


def test_missing_required_member_is_validation_error(kms_raw):
    resp = expect_error(kms_raw.encrypt, Plaintext=b"x")
    assert_error(resp, "ValidationException",
                 "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: "
                 "Member must not be null")


def test_missing_required_plaintext_is_validation_error(kms_raw, key):
    resp = expect_error(kms_raw.encrypt, KeyId=key["KeyId"])
    assert_error(resp, "ValidationException",
                 "1 validation error detected: Value null at 'plaintext' failed to satisfy constraint: "
                 "Member must not be null")


def test_generate_random_over_limit_via_raw_request(signed_request):
    r = signed_request("TrentService.GenerateRandom", {"NumberOfBytes": 2000})
    assert r.status_code == 400
    code, message = json_error_code(r.content)
    assert code == "ValidationException"
    assert message == ("1 validation error detected: Value '2000' at 'numberOfBytes' failed to satisfy "
                       "constraint: Member must have value less than or equal to 1024")


# --- Request ids -------------------------------------------------------------------------------


def test_every_response_has_a_unique_request_id(kms, signed_request):
    ok = kms.list_keys(Limit=1)
    rid_ok = ok["ResponseMetadata"]["RequestId"]
    assert rid_ok and ok["ResponseMetadata"]["HTTPHeaders"].get("x-amzn-requestid") == rid_ok
    err = expect_error(kms.describe_key, KeyId=str(uuid.uuid4()))
    rid_err = err["ResponseMetadata"]["RequestId"]
    assert rid_err and rid_err != rid_ok
    raw = signed_request("TrentService.Nope", {})
    assert raw.headers.get("x-amzn-RequestId") not in (None, "", rid_ok, rid_err)


def test_auth_failures_have_request_id(signed_request):
    r = signed_request("TrentService.ListKeys", {}, sign=False)
    assert r.headers.get("x-amzn-RequestId")


# --- SigV4 ------------------------------------------------------------------------------------


def test_unsigned_request_is_missing_authentication_token(signed_request):
    r = signed_request("TrentService.ListKeys", {}, sign=False)
    assert r.status_code in (400, 403)
    assert json_error_code(r.content)[0] == "MissingAuthenticationTokenException"


def test_wrong_secret_is_invalid_signature(kms_factory):
    bad = kms_factory(secret_key="not-the-secret")
    resp = expect_error(bad.list_keys)
    err = assert_error(resp, "InvalidSignatureException", status=None)
    assert err["Message"].startswith(
        "The request signature we calculated does not match the signature you provided.")
    assert resp["ResponseMetadata"]["HTTPStatusCode"] in (400, 403)


def test_unknown_access_key_is_unrecognized_client(kms_factory):
    bad = kms_factory(access_key="AKIANOBODYKNOWS00000", secret_key="whatever")
    resp = expect_error(bad.list_keys)
    assert_error(resp, "UnrecognizedClientException", "The security token included in the request is invalid.",
                 status=None)
    assert resp["ResponseMetadata"]["HTTPStatusCode"] in (400, 403)


def test_signature_over_different_body_is_invalid_signature(server):
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    hdrs = {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "TrentService.GenerateRandom"}
    req = AWSRequest(method="POST", url=server.endpoint + "/", data=b'{"NumberOfBytes": 8}', headers=hdrs)
    SigV4Auth(Credentials("test", "test"), "kms", "us-east-1").add_auth(req)
    headers = dict(req.prepare().headers)
    r = requests.post(server.endpoint + "/", data=b'{"NumberOfBytes": 9}', headers=headers, timeout=10)
    assert r.status_code in (400, 403)
    assert json_error_code(r.content)[0] == "InvalidSignatureException"


def test_signature_scoped_to_other_service_is_rejected(signed_request):
    r = signed_request("TrentService.ListKeys", {}, service="s3")
    assert r.status_code in (400, 403)
    assert json_error_code(r.content)[0] == "InvalidSignatureException"


def test_configured_user_and_other_root_can_authenticate(kms_factory):
    for ak, sk in (OTHER_ROOT_KEY, ALICE_KEY):
        assert "Keys" in kms_factory(access_key=ak, secret_key=sk).list_keys()


# --- Region isolation ------------------------------------------------------------------------


def test_key_created_in_us_east_1_is_not_found_from_eu_west_1(kms, kms_factory, key):
    west = kms_factory(region="eu-west-1")
    resp = expect_error(west.describe_key, KeyId=key["KeyId"])
    assert_error(resp, "NotFoundException",
                 f"Key '{key_arn(key['KeyId'], region='eu-west-1')}' does not exist")


def test_key_arn_from_other_region_is_invalid_arn_not_found(kms_factory, key):
    west = kms_factory(region="eu-west-1")
    resp = expect_error(west.describe_key, KeyId=key["Arn"])
    assert_error(resp, "NotFoundException", "Invalid arn us-east-1")


def test_regions_have_separate_key_lists(kms, kms_factory, key):
    west = kms_factory(region="eu-west-1")
    west_key = west.create_key()["KeyMetadata"]
    assert west_key["Arn"] == key_arn(west_key["KeyId"], region="eu-west-1")
    west_ids = {k["KeyId"] for k in west.list_keys(Limit=1000)["Keys"]}
    east_ids = {k["KeyId"] for k in kms.list_keys(Limit=1000)["Keys"]}
    assert west_key["KeyId"] in west_ids and west_key["KeyId"] not in east_ids
    assert key["KeyId"] in east_ids and key["KeyId"] not in west_ids


def test_encrypt_from_other_region_is_not_found(kms_factory, key):
    west = kms_factory(region="eu-west-1")
    resp = expect_error(west.encrypt, KeyId=key["KeyId"], Plaintext=b"x")
    assert_error(resp, "NotFoundException")


def test_ciphertext_does_not_decrypt_in_other_region(kms, kms_factory, key):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"regional")["CiphertextBlob"]
    west = kms_factory(region="eu-west-1")
    resp = expect_error(west.decrypt, CiphertextBlob=blob)
    assert resp["Error"]["Code"] in {"InvalidCiphertextException", "NotFoundException"}, resp["Error"]


# --- Account isolation -------------------------------------------------------------------------


def test_keys_belong_to_the_callers_account(other_root, alice):
    meta = other_root.create_key()["KeyMetadata"]
    assert meta["AWSAccountId"] == OTHER_ACCOUNT
    assert meta["Arn"] == key_arn(meta["KeyId"], account=OTHER_ACCOUNT)
    alice_meta = alice.create_key()["KeyMetadata"]
    assert alice_meta["AWSAccountId"] == OTHER_ACCOUNT
    ids = {k["KeyId"] for k in other_root.list_keys(Limit=1000)["Keys"]}
    assert {meta["KeyId"], alice_meta["KeyId"]} <= ids


def test_other_account_does_not_list_my_keys(other_root, key):
    ids = {k["KeyId"] for k in other_root.list_keys(Limit=1000)["Keys"]}
    assert key["KeyId"] not in ids


def test_other_account_key_id_resolves_in_own_account_and_is_not_found(other_root, key):
    resp = expect_error(other_root.describe_key, KeyId=key["KeyId"])
    assert_error(resp, "NotFoundException",
                 f"Key '{key_arn(key['KeyId'], account=OTHER_ACCOUNT)}' does not exist")


@pytest.mark.parametrize("op", ["DescribeKey", "Encrypt", "GenerateDataKey", "DisableKey", "GetKeyPolicy",
                                "ListResourceTags"])
def test_other_account_key_arn_is_access_denied(kms, other_root, key, op):
    call = {
        "DescribeKey": lambda: other_root.describe_key(KeyId=key["Arn"]),
        "Encrypt": lambda: other_root.encrypt(KeyId=key["Arn"], Plaintext=b"x"),
        "GenerateDataKey": lambda: other_root.generate_data_key(KeyId=key["Arn"], KeySpec="AES_256"),
        "DisableKey": lambda: other_root.disable_key(KeyId=key["Arn"]),
        "GetKeyPolicy": lambda: other_root.get_key_policy(KeyId=key["Arn"], PolicyName="default"),
        "ListResourceTags": lambda: other_root.list_resource_tags(KeyId=key["Arn"]),
    }[op]
    resp = expect_error(call)
    assert_error(resp, "AccessDeniedException")
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["Enabled"] is True


def test_other_account_cannot_decrypt_my_ciphertext(kms, other_root, key):
    blob = kms.encrypt(KeyId=key["KeyId"], Plaintext=b"mine")["CiphertextBlob"]
    resp = expect_error(other_root.decrypt, CiphertextBlob=blob)
    assert resp["Error"]["Code"] in {"AccessDeniedException", "InvalidCiphertextException"}, resp["Error"]
    assert "Plaintext" not in resp


def test_same_alias_name_in_two_accounts_is_independent(kms, other_root, key):
    name = f"alias/acct-{uuid.uuid4().hex[:8]}"
    kms.create_alias(AliasName=name, TargetKeyId=key["KeyId"])
    theirs = other_root.create_key()["KeyMetadata"]
    other_root.create_alias(AliasName=name, TargetKeyId=theirs["KeyId"])
    assert other_root.describe_key(KeyId=name)["KeyMetadata"]["KeyId"] == theirs["KeyId"]
    assert kms.describe_key(KeyId=name)["KeyMetadata"]["KeyId"] == key["KeyId"]


def test_create_alias_targeting_other_accounts_key_is_rejected(other_root, key):
    resp = expect_error(other_root.create_alias, AliasName=f"alias/x-{uuid.uuid4().hex[:8]}",
                        TargetKeyId=key["Arn"])
    assert resp["Error"]["Code"] in {"AccessDeniedException", "NotFoundException"}, resp["Error"]


def test_default_account_is_all_zeros(key):
    assert key["AWSAccountId"] == DEFAULT_ACCOUNT
