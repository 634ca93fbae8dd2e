"""Request-rate quotas (the guide's Limits page, and AWS's current Request quotas page): one token
bucket per account, region and quota, the six cryptographic operations sharing one (and, in AWS's
current table, the operations of each type of key sharing one per type); a throttled
call answers ThrottlingException with AWS's status and message, is recorded in the audit trail and
counted in the metrics.

The quota test account (QUOTA_ACCOUNT) has its cryptographic and ListKeys quotas lowered to one
request every 100 seconds in the config, so which call is throttled does not depend on how fast
the machine is; the test clock (--dev-clock) refills the buckets."""
import json
import subprocess
import time

import pytest
import yaml
from botocore.exceptions import ClientError

from conftest import CONFIG, ArcaServer, AwsCli
from helpers import (DEFAULT_ACCOUNT, QUOTA_ACCOUNT, QUOTA_ROOT_KEY, assert_error, clock, expect_error, make_client)
from test_metrics import scrape, value

THROTTLED = "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls."


@pytest.fixture(scope="module")
def throttling(arca_bin, config_file, tmp_path_factory):
    """A server with the reference's request quotas and a test clock."""
    base = tmp_path_factory.mktemp("arca-throttling")
    srv = ArcaServer(arca_bin, base / "data", base / "server.log", config_path=config_file,
                     extra_args=["--request-quotas", "reference", "--dev-clock"])
    srv.start()
    yield srv
    srv.stop()


def quota_client(server, region, service="kms"):
    """A client of the quota test account that never retries (botocore retries throttled calls)."""
    return make_client(server.endpoint, region=region, access_key=QUOTA_ROOT_KEY[0], secret_key=QUOTA_ROOT_KEY[1],
                       service=service, retries=0)


def assert_throttled(call, *args, **kwargs):
    assert_error(expect_error(call, *args, **kwargs), "ThrottlingException", THROTTLED, status=400)


def test_the_cryptographic_operations_share_one_bucket_and_the_others_have_their_own(throttling):
    kms = quota_client(throttling, "eu-west-3")
    key = kms.create_key()["KeyMetadata"]["KeyId"]
    blob = kms.encrypt(KeyId=key, Plaintext=b"one")["CiphertextBlob"]
    # The cryptographic quota (one token) is spent: every operation sharing it is throttled.
    assert_throttled(kms.generate_data_key, KeyId=key, KeySpec="AES_256")
    assert_throttled(kms.generate_data_key_without_plaintext, KeyId=key, KeySpec="AES_256")
    assert_throttled(kms.decrypt, CiphertextBlob=blob)
    assert_throttled(kms.re_encrypt, CiphertextBlob=blob, DestinationKeyId=key)
    assert_throttled(kms.generate_random, NumberOfBytes=8)
    assert_throttled(kms.encrypt, KeyId=key, Plaintext=b"two")
    # Operations with quotas of their own, and those with none, go on.
    assert kms.describe_key(KeyId=key)["KeyMetadata"]["KeyId"] == key
    kms.list_aliases()
    kms.tag_resource(KeyId=key, Tags=[{"TagKey": "k", "TagValue": "v"}])
    kms.list_keys()
    assert_throttled(kms.list_keys)
    # Another region has buckets of its own.
    elsewhere = quota_client(throttling, "eu-west-1")
    other_key = elsewhere.create_key()["KeyMetadata"]["KeyId"]
    elsewhere.encrypt(KeyId=other_key, Plaintext=b"one")
    assert_throttled(elsewhere.encrypt, KeyId=other_key, Plaintext=b"two")
    # Moving the clock refills the bucket: one more request, then throttled again.
    clock(throttling, advance=100)
    assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"one"
    assert_throttled(kms.decrypt, CiphertextBlob=blob)


def test_cross_account_use_counts_against_the_calling_account(throttling):
    """"For cross-account requests, AWS KMS throttles the account that makes the requests, not the
    account that owns the KMS key" (AWS KMS Developer Guide, Request quotas)."""
    region = "ca-central-1"
    quota = quota_client(throttling, region)
    default = make_client(throttling.endpoint, region=region, retries=0)
    shared_policy = lambda owner, user: json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{owner}:root"}, "Action": "kms:*", "Resource": "*"},
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{user}:root"}, "Action": "kms:Encrypt", "Resource": "*"}]})
    quota_key = quota.create_key(Policy=shared_policy(QUOTA_ACCOUNT, DEFAULT_ACCOUNT))["KeyMetadata"]["Arn"]
    default_key = default.create_key(Policy=shared_policy(DEFAULT_ACCOUNT, QUOTA_ACCOUNT))["KeyMetadata"]["Arn"]
    quota.encrypt(KeyId=quota_key, Plaintext=b"spends the quota account's token")
    # The key's owner has tokens to spare, but the caller has none.
    assert_throttled(quota.encrypt, KeyId=default_key, Plaintext=b"x")
    # The quota account's bucket is empty, but a caller from the default account uses its own.
    for _ in range(3):
        default.encrypt(KeyId=quota_key, Plaintext=b"x")


def test_throttled_calls_are_recorded_and_counted(throttling):
    region = "ap-south-2"
    kms = quota_client(throttling, region)
    trail = quota_client(throttling, region, service="cloudtrail")
    kms.generate_random(NumberOfBytes=8)
    before = scrape(throttling)
    assert_throttled(kms.generate_random, NumberOfBytes=8)
    after = scrape(throttling)
    labels = {"service": "kms", "operation": "GenerateRandom", "outcome": "ThrottlingException"}
    assert value(after, "arca_requests_total", **labels) - value(before, "arca_requests_total", **labels) == 1
    events = trail.lookup_events(LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "GenerateRandom"}])["Events"]
    records = [json.loads(e["CloudTrailEvent"]) for e in events]
    throttled = [r for r in records if r["awsRegion"] == region and r.get("errorCode") == "ThrottlingException"]
    assert len(throttled) == 1
    assert throttled[0]["errorMessage"] == THROTTLED
    assert throttled[0]["userIdentity"]["accountId"] == QUOTA_ACCOUNT
    assert [r.get("errorCode") for r in records if r["awsRegion"] == region] == ["ThrottlingException", None]


def assert_burst_throttled_at_five_a_second(call, **kwargs):
    """Thirty calls in a row: a full bucket admits the first five, then it refills five a second
    of real time (the test clock does not move), so some of the rest are throttled."""
    started = time.monotonic()
    outcomes = []
    for _ in range(30):
        try:
            call(**kwargs)
            outcomes.append("ok")
        except ClientError as error:
            assert_error(error.response, "ThrottlingException", THROTTLED, status=400)
            outcomes.append("throttled")
    elapsed = time.monotonic() - started
    assert outcomes[:5] == ["ok"] * 5
    assert outcomes.count("ok") <= 5 + 5 * elapsed + 1, (outcomes, elapsed)
    assert "throttled" in outcomes


def test_the_reference_table_throttles_a_burst_above_five_list_keys_a_second(throttling):
    kms = make_client(throttling.endpoint, region="sa-east-1", retries=0)
    assert_burst_throttled_at_five_a_second(kms.list_keys)


def test_the_aws_cli_reports_the_throttling(throttling):
    region = "me-south-1"
    cli = AwsCli(throttling.endpoint)
    credentials = {"access_key": QUOTA_ROOT_KEY[0], "secret_key": QUOTA_ROOT_KEY[1], "region": region}
    assert len(cli("generate-random", "--number-of-bytes", "8", **credentials)["Plaintext"]) > 0
    proc = cli("generate-random", "--number-of-bytes", "8", check=False, **credentials)
    assert proc.returncode != 0
    assert "An error occurred (ThrottlingException) when calling the GenerateRandom operation" in proc.stderr.decode()
    assert THROTTLED in proc.stderr.decode()


def test_by_default_the_current_quotas_apply(arca_bin, tmp_path):
    """Without --request-quotas, AWS's current quotas apply: UntagResource, which the reference's
    table left unthrottled, now has five requests a second."""
    config = dict(CONFIG)
    del config["requestQuotas"]
    path = tmp_path / "arca.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    srv = ArcaServer(arca_bin, tmp_path / "data", tmp_path / "server.log", config_path=path).start()
    try:
        kms = make_client(srv.endpoint, region="sa-east-1", retries=0)
        key = kms.create_key()["KeyMetadata"]["KeyId"]
        assert_burst_throttled_at_five_a_second(kms.untag_resource, KeyId=key, TagKeys=["absent"])
        # The symmetric cryptographic quota is 10,000 a second in this region.
        for _ in range(50):
            kms.generate_random(NumberOfBytes=8)
    finally:
        srv.stop()


def test_the_key_type_pools_throttle_each_type_of_key_on_its_own(arca_bin, tmp_path):
    """AWS's current table has a quota per type of key: "Cryptographic operations (ECC and SM2)
    request rate" for Sign, Verify and DeriveSharedSecret with elliptic-curve keys, "(RSA)" for RSA
    keys, "(symmetric)" for symmetric and HMAC keys. The quota account's ECC and symmetric quotas
    are lowered to one request every 100 seconds; its RSA quota keeps AWS's 1,000."""
    config = dict(CONFIG)
    config["requestQuotas"] = "current"
    config["quotas"] = [{"account": QUOTA_ACCOUNT, "requestRates": {
        "Cryptographic operations (ECC and SM2) request rate": 0.01,
        "Cryptographic operations (symmetric) request rate": 0.01}}]
    path = tmp_path / "arca.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    srv = ArcaServer(arca_bin, tmp_path / "data", tmp_path / "server.log", config_path=path,
                     extra_args=["--dev-clock"]).start()
    try:
        kms = quota_client(srv, "eu-south-1")
        p256 = kms.create_key(KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY")["KeyMetadata"]["KeyId"]
        rsa = kms.create_key(KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY")["KeyMetadata"]["KeyId"]
        symmetric = kms.create_key()["KeyMetadata"]["KeyId"]
        signature = kms.sign(KeyId=p256, Message=b"m", SigningAlgorithm="ECDSA_SHA_256")["Signature"]
        assert_throttled(kms.sign, KeyId=p256, Message=b"m", SigningAlgorithm="ECDSA_SHA_256")
        assert_throttled(kms.verify, KeyId=p256, Message=b"m", Signature=signature, SigningAlgorithm="ECDSA_SHA_256")
        # The symmetric quota is spent too; neither touches the RSA quota.
        kms.encrypt(KeyId=symmetric, Plaintext=b"one")
        assert_throttled(kms.encrypt, KeyId=symmetric, Plaintext=b"two")
        for _ in range(3):
            kms.sign(KeyId=rsa, Message=b"m", SigningAlgorithm="RSASSA_PSS_SHA_256")
        # Moving the clock refills the ECC bucket: one more request, then throttled again.
        clock(srv, advance=100)
        kms.verify(KeyId=p256, Message=b"m", Signature=signature, SigningAlgorithm="ECDSA_SHA_256")
        assert_throttled(kms.sign, KeyId=p256, Message=b"m", SigningAlgorithm="ECDSA_SHA_256")
    finally:
        srv.stop()


def test_the_reference_table_leaves_the_operations_of_asymmetric_keys_unthrottled(throttling):
    """The guide's table predates asymmetric keys: Sign is not throttled, though the quota account's
    symmetric quota is one request every 100 seconds."""
    kms = quota_client(throttling, "il-central-1")
    key = kms.create_key(KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY")["KeyMetadata"]["KeyId"]
    for _ in range(10):
        kms.sign(KeyId=key, Message=b"m", SigningAlgorithm="ECDSA_SHA_256")


@pytest.mark.parametrize("setting, message", [
    ({"requestQuotas": "fast"}, "requestQuotas must be one of reference, current, off, not fast"),
    ({"quotas": [{"account": QUOTA_ACCOUNT, "requestRates": {"Encrypt": 5}}]}, 'requestRates: unknown quota "Encrypt"'),
    ({"quotas": [{"account": QUOTA_ACCOUNT, "requestRates": {"CreateKey request rate": -1}}]},
     "requestRates must not be negative"),
])
def test_a_bad_quota_setting_stops_the_server_with_a_clear_message(arca_bin, tmp_path, setting, message):
    path = tmp_path / "arca.yaml"
    path.write_text(yaml.safe_dump(setting))
    proc = subprocess.run([str(arca_bin), "serve", "--config", str(path), "--data-dir", str(tmp_path / "data"),
                           "--port", "0"], capture_output=True, timeout=60)
    assert proc.returncode != 0
    assert message in proc.stderr.decode() + proc.stdout.decode()


def test_request_quotas_flag_rejects_an_unknown_table(arca_bin, tmp_path):
    proc = subprocess.run([str(arca_bin), "serve", "--request-quotas", "fast", "--data-dir", str(tmp_path / "data")],
                          capture_output=True, timeout=60)
    assert proc.returncode != 0
    assert "--request-quotas" in proc.stderr.decode() and "reference, current, off" in proc.stderr.decode()
